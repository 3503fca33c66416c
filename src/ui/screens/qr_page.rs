//! A web address as a QR code, for a phone to scan; its words say whether the code fits.

use crate::i18n::t;
use crate::ui::component::Component;
use crate::ui::qr::QrLayout;
use crate::ui::view::{HelpTopic, View, ViewContext};

pub(in crate::ui) struct QrPage {
    title: String,
    url: String,
}

impl QrPage {
    pub fn new(title: String, url: String) -> QrPage {
        QrPage { title, url }
    }
}

impl Component for QrPage {
    fn help_topic(&self) -> HelpTopic {
        HelpTopic::Qr
    }

    fn view(&self, cx: &ViewContext, _focus: Option<usize>) -> View {
        let hint = t(cx.lang, "hint-page");
        let page = QrLayout::new(cx.window, &self.url, &hint);
        View {
            title: self.title.clone(),
            body: vec![t(cx.lang, page.words_id()), self.url.clone()],
            hint,
            ..View::default()
        }
    }

    fn qr_code(&self) -> Option<&str> {
        Some(&self.url)
    }
}

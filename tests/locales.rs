//! Both locale files define the same words, and parse cleanly.

use leling::i18n::{message_ids, syntax_errors};
use leling::model::Lang;

#[test]
fn both_locale_files_define_the_same_message_ids() {
    let zh = message_ids(Lang::Zh);
    let en = message_ids(Lang::En);
    let only_zh: Vec<_> = zh.iter().filter(|id| !en.contains(id)).collect();
    let only_en: Vec<_> = en.iter().filter(|id| !zh.contains(id)).collect();
    assert!(
        only_zh.is_empty() && only_en.is_empty(),
        "only in zh-CN: {only_zh:?}; only in en: {only_en:?}"
    );
    assert!(zh.len() > 50);
}

#[test]
fn locale_files_have_no_syntax_errors() {
    for lang in Lang::ALL {
        assert_eq!(syntax_errors(lang), 0, "{lang:?}");
    }
}

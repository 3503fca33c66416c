//! The record as one self-contained HTML page in large print, for a browser or a printer:
//! no scripts, no outside fonts or pictures, every piece of text escaped.

use super::{LearningRecord, page};
use leling_core::model::Lang;

/// Large, high-contrast print with generous spacing, in the fonts Chinese systems have; on
/// paper, print sizes and black text, with headings kept with what follows them.
const STYLE: &str = "
body {
  font-family: \"PingFang SC\", \"Microsoft YaHei\", \"Noto Sans CJK SC\", \"Source Han Sans SC\", sans-serif;
  font-size: 1.5rem;
  line-height: 1.7;
  color: #111;
  background: #fff;
  max-width: 42em;
  margin: 1.5em auto;
  padding: 0 1em;
}
h1 { font-size: 2.2rem; margin-bottom: 0.3em; }
h2 { font-size: 1.8rem; margin-top: 1.4em; border-bottom: 3px solid #333; }
ul { padding-left: 1.4em; }
li { margin: 0.4em 0; }
.facts p { margin: 0.2em 0; }
.date { font-weight: bold; margin-right: 0.8em; }
.none { font-style: italic; color: #333; }
@media print {
  body { font-size: 16pt; max-width: none; margin: 0; padding: 0; color: #000; }
  h1 { font-size: 24pt; }
  h2 { font-size: 20pt; break-after: avoid; page-break-after: avoid; }
  li { break-inside: avoid; page-break-inside: avoid; }
}
";

pub fn record_html(record: &LearningRecord, lang: Lang) -> String {
    let page = page(record, lang);
    let tag = match lang {
        Lang::Zh => "zh-CN",
        Lang::En => "en",
    };
    let mut html = format!(
        "<!DOCTYPE html>\n<html lang=\"{tag}\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{title}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n<h1>{title}</h1>\n",
        title = escape(&page.title),
    );
    html.push_str("<div class=\"facts\">\n");
    for fact in &page.facts {
        html.push_str(&format!("<p>{}</p>\n", escape(fact)));
    }
    html.push_str("</div>\n");
    for section in &page.sections {
        html.push_str(&format!("<h2>{}</h2>\n", escape(&section.heading)));
        if section.items.is_empty() {
            html.push_str(&format!(
                "<p class=\"none\">{}</p>\n",
                escape(&section.none)
            ));
            continue;
        }
        html.push_str("<ul>\n");
        for item in &section.items {
            let date = item.date.as_deref().map_or_else(String::new, |date| {
                format!("<span class=\"date\">{}</span>", escape(date))
            });
            html.push_str(&format!("<li>{date}{}</li>\n", escape(&item.text)));
        }
        html.push_str("</ul>\n");
    }
    html.push_str("</body>\n</html>\n");
    html
}

/// Text as HTML: the five characters that could start markup or end an attribute.
fn escape(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => escaped.push_str("&amp;"),
            '<' => escaped.push_str("&lt;"),
            '>' => escaped.push_str("&gt;"),
            '"' => escaped.push_str("&quot;"),
            '\'' => escaped.push_str("&#39;"),
            _ => escaped.push(c),
        }
    }
    escaped
}

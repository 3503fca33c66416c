//! Both locale files define the same words, and parse cleanly.

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use leling_core::model::Lang;
use leling_i18n::{MISSING_MARKER, message_ids, syntax_errors, t_with};

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

/// Each message is parsed from its own lines of the file when first needed; it must read as
/// it does in the file parsed whole (multi-line messages, select expressions and all).
#[test]
fn every_message_read_alone_reads_as_in_its_whole_file() {
    for (lang, tag, source) in [
        (
            Lang::Zh,
            "zh-CN",
            include_str!("../../../assets/locales/zh-CN.ftl"),
        ),
        (
            Lang::En,
            "en",
            include_str!("../../../assets/locales/en.ftl"),
        ),
    ] {
        let mut whole = FluentBundle::new_concurrent(vec![tag.parse().unwrap()]);
        whole.set_use_isolating(false);
        whole
            .add_resource(FluentResource::try_new(source.to_owned()).unwrap())
            .unwrap();
        let args: [(&str, FluentValue); 2] = [("n", 3.into()), ("title", "Moby-Dick".into())];
        let mut fluent_args = FluentArgs::new();
        for (name, value) in &args {
            fluent_args.set(*name, value.clone());
        }
        for id in message_ids(lang) {
            let pattern = whole.get_message(&id).unwrap().value().unwrap();
            let expected = whole.format_pattern(pattern, Some(&fluent_args), &mut Vec::new());
            let alone = t_with(lang, &id, &args);
            assert!(!alone.contains(MISSING_MARKER), "{tag} {id}");
            assert_eq!(alone, expected, "{tag} {id}");
        }
    }
}

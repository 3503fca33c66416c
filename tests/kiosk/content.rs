//! The bundled content (`content/`) and `leling content check`: the lists, lectures and
//! guides Leling ships pass the check, and a broken file is reported by file, line, column and
//! field, with a non-zero exit.

use std::path::{Path, PathBuf};
use std::process::Command;

use leling::catalog::{self, BookList, Guides, LectureCatalog, LectureFormat};
use leling::model::Lang;
use proptest::prelude::*;

fn bundled() -> PathBuf {
    catalog::bundled_dir()
}

fn toml_files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|e| e == "toml"))
        .collect();
    files.sort();
    files
}

fn read<T: serde::de::DeserializeOwned>(path: &Path) -> T {
    toml::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

#[test]
fn the_bundled_content_passes_the_check_and_has_what_the_centres_were_promised() {
    let report = catalog::check_dir(&bundled(), Lang::En);
    let problems: Vec<String> = report.problems.iter().map(|p| p.to_string()).collect();
    assert!(problems.is_empty(), "{problems:#?}");

    let lists: Vec<BookList> = toml_files(&bundled().join("lists"))
        .iter()
        .map(|p| read(p))
        .collect();
    assert!(lists.len() >= 3, "{} lists", lists.len());
    let books: usize = lists.iter().map(|list| list.book.len()).sum();
    assert!(books >= 40, "{books} books");
    let languages: Vec<&str> = lists
        .iter()
        .flat_map(|list| &list.book)
        .map(|book| book.language.get_ref().as_str())
        .collect();
    assert!(languages.contains(&"zh") && languages.contains(&"en"));

    let catalogs: Vec<LectureCatalog> = toml_files(&bundled().join("lectures"))
        .iter()
        .map(|p| read(p))
        .collect();
    let lectures: Vec<_> = catalogs.iter().flat_map(|c| &c.lecture).collect();
    assert!(lectures.len() >= 20, "{} lectures", lectures.len());
    assert!(catalogs.iter().all(|c| c.catalog.example_schedule));
    for topic in [
        "smartphone",
        "video-calls",
        "scams",
        "health",
        "history",
        "poetry",
        "calligraphy",
    ] {
        assert!(
            lectures
                .iter()
                .any(|l| l.topics.get_ref().iter().any(|t| t.get_ref() == topic)),
            "no lecture on {topic}"
        );
    }
    assert!(
        lectures
            .iter()
            .any(|l| *l.format.get_ref() == LectureFormat::InPerson)
    );

    // Every guide opens in the reader, in both languages, with its own title.
    let guides: Guides = read(&bundled().join("guides.toml"));
    assert!(guides.guide.len() >= 5);
    for guide in &guides.guide {
        for (file, title) in [
            (&guide.files.zh, &guide.title.zh),
            (&guide.files.en, &guide.title.en),
        ] {
            let document = leling::document::open(&bundled().join(file.get_ref())).unwrap();
            assert_eq!(&document.title, title.get_ref(), "{}", file.get_ref());
            let words: usize = document
                .chapters
                .iter()
                .flat_map(|c| &c.blocks)
                .map(|b| b.text.chars().count())
                .sum();
            assert!(words > 300, "{} is only {words} characters", file.get_ref());
        }
    }
}

/// Line and column (1-based, in characters) of the first `needle` in `text`.
fn place_of(text: &str, needle: &str) -> (usize, usize) {
    let offset = text.find(needle).unwrap();
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let column = before[before.rfind('\n').map_or(0, |n| n + 1)..]
        .chars()
        .count()
        + 1;
    (line, column)
}

#[test]
fn a_broken_catalog_is_reported_by_file_line_column_and_field_and_fails_the_command() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("lists")).unwrap();
    std::fs::create_dir_all(dir.path().join("lectures")).unwrap();

    let list = std::fs::read_to_string(bundled().join("lists/chinese-classics.toml")).unwrap();
    let first_year = list.find("year = ").unwrap();
    let year_end = first_year + list[first_year..].find('\n').unwrap();
    let list = format!("{}year = 30000{}", &list[..first_year], &list[year_end..]);
    let list = list.replacen("subjects = [\"", "subjects = [\"gossip\", \"", 1);
    let list_path = dir.path().join("lists/chinese-classics.toml");
    std::fs::write(&list_path, &list).unwrap();

    let lectures =
        std::fs::read_to_string(bundled().join("lectures/community-lectures.toml")).unwrap();
    let lectures = lectures.replacen("format = \"video\"", "format = \"vidoe\"", 1);
    let lectures_path = dir.path().join("lectures/community-lectures.toml");
    std::fs::write(&lectures_path, &lectures).unwrap();

    let output = Command::new(env!("CARGO_BIN_EXE_leling"))
        .args(["--lang", "en", "content", "check"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let printed = String::from_utf8(output.stdout).unwrap();

    let (line, column) = place_of(&list, "30000");
    let year = format!("{}:{line}:{column}: book[1].year: ", list_path.display());
    assert!(printed.contains(&year), "{year} not in\n{printed}");
    let (line, column) = place_of(&list, "\"gossip\"");
    let subject = format!(
        "{}:{line}:{column}: book[1].subjects: \"gossip\" is not one of",
        list_path.display()
    );
    assert!(printed.contains(&subject), "{subject} not in\n{printed}");
    let (line, column) = place_of(&lectures, "\"vidoe\"");
    let format = format!("{}:{line}:{column}: format: ", lectures_path.display());
    assert!(printed.contains(&format), "{format} not in\n{printed}");
    assert_eq!(printed.lines().count(), 3, "{printed}");

    // The bundled content checks clean, with exit 0.
    let clean = Command::new(env!("CARGO_BIN_EXE_leling"))
        .args(["--lang", "en", "content", "check"])
        .output()
        .unwrap();
    assert!(
        clean.status.success(),
        "{}",
        String::from_utf8_lossy(&clean.stdout)
    );
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    /// Whatever a content file holds, the check reports problems; it never panics.
    #[test]
    fn any_file_is_checked_without_a_panic(
        text in prop_oneof![
            any::<String>(),
            "(\\[list\\]|\\[\\[book\\]\\]|id = \"[a-z]{1,4}\"|year = -?[0-9]{1,6}|start = 2026-1[0-2]-0[1-9]T0[0-9]:00:00(\\+08:00)?|\n){1,20}",
        ],
        bytes in proptest::collection::vec(any::<u8>(), 0..64),
    ) {
        let dir = tempfile::tempdir().unwrap();
        for folder in ["lists", "lectures"] {
            std::fs::create_dir_all(dir.path().join(folder)).unwrap();
            std::fs::write(dir.path().join(folder).join("a.toml"), &text).unwrap();
            std::fs::write(dir.path().join(folder).join("b.toml"), &bytes).unwrap();
        }
        std::fs::write(dir.path().join("guides.toml"), &text).unwrap();
        let report = catalog::check_dir(dir.path(), Lang::Zh);
        prop_assert_eq!(report.files, 5);
        for problem in &report.problems {
            prop_assert!(problem.line >= 1 && problem.column >= 1);
        }
    }
}

//! Which recommended book a book file is, so that the recommended book's page opens the
//! kiosk's own copy: the same Project Gutenberg ebook (the number its header gives, or the
//! one in its file name as Gutenberg names its files: `pg24264.txt`, `24264-0.txt`,
//! `hongloumeng-pg24264.txt`), else the same title and author, in either script.

use super::search_keys::fold;
use super::{Book, BookList, editions};
use leling_document::Document;

/// The recommended book that `document` (read from a file called `file_name`) is a copy of.
pub fn recommended_book<'a>(
    lists: &'a [BookList],
    document: &Document,
    file_name: &str,
) -> Option<&'a Book> {
    let books = || lists.iter().flat_map(|list| &list.book);
    let number = document
        .gutenberg_number
        .or_else(|| number_in_file_name(file_name));
    if let Some(number) = number {
        let same_ebook = books().find(|book| {
            book.text_url
                .iter()
                .chain(&book.open_edition)
                .any(|url| editions::gutenberg_number(url.get_ref()) == Some(number))
        });
        if same_ebook.is_some() {
            return same_ebook;
        }
    }
    let titled: Vec<&Book> = books()
        .filter(|book| same_name(&document.title, &[&book.title.zh, &book.title.en]))
        .collect();
    match &document.author {
        Some(author) => titled
            .into_iter()
            .find(|book| same_name(author, &[&book.author.zh, &book.author.en])),
        // A title alone is enough only when no other recommended book has it.
        None => match titled.as_slice() {
            [only] => Some(only),
            _ => None,
        },
    }
}

/// The ebook number in a file name in Gutenberg's ways: `pgN` as a word of the name, or a
/// name that is the number itself (`N.txt`, `N-0.txt`, `N-8.txt`).
fn number_in_file_name(file_name: &str) -> Option<u32> {
    let stem = file_name.split('.').next().unwrap_or_default();
    let as_number = |digits: &str| {
        (!digits.is_empty() && digits.chars().all(|c| c.is_ascii_digit()))
            .then(|| digits.parse().ok())
            .flatten()
            .filter(|&n: &u32| n > 0)
    };
    let whole = stem.split_once('-').map_or(
        stem,
        |(number, variant)| {
            if variant.len() == 1 { number } else { stem }
        },
    );
    as_number(whole).or_else(|| {
        stem.split(|c: char| !c.is_ascii_alphanumeric())
            .find_map(|word| word.strip_prefix("pg").and_then(as_number))
    })
}

/// Whether `name` is one of `names`, compared without case, script, spaces or punctuation,
/// and for names in Latin letters without their order ("Xun Lu" is "Lu Xun").
fn same_name(name: &str, names: &[&toml::Spanned<String>]) -> bool {
    let key = name_key(name);
    !key.is_empty() && names.iter().any(|other| name_key(other.get_ref()) == key)
}

fn name_key(name: &str) -> String {
    let folded = fold(name);
    let mut words: Vec<String> = folded
        .split(|c: char| !c.is_alphanumeric())
        .filter(|word| !word.is_empty())
        .map(str::to_string)
        .collect();
    if folded.is_ascii() {
        words.sort();
    }
    words.concat()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{bundled_dir, load_lists};
    use leling_document::{Block, BlockKind, Chapter};

    fn document(title: &str, author: Option<&str>, number: Option<u32>) -> Document {
        Document {
            title: title.into(),
            author: author.map(str::to_string),
            language: None,
            chapters: vec![Chapter {
                title: None,
                blocks: vec![Block::new(BlockKind::Paragraph, "text")],
            }],
            toc: vec![],
            missing: vec![],
            gutenberg_number: number,
        }
    }

    fn found(document: &Document, file_name: &str) -> Option<String> {
        let lists = load_lists(&bundled_dir());
        recommended_book(&lists, document, file_name).map(|book| book.id.get_ref().clone())
    }

    #[test]
    fn gutenberg_file_names_give_their_number_and_other_names_do_not() {
        for (name, number) in [
            ("pg24264.txt", Some(24264)),
            ("24264-0.txt", Some(24264)),
            ("1342.txt", Some(1342)),
            ("hongloumeng-traditional-pg24264.txt", Some(24264)),
            ("pride-and-prejudice-pg1342.html", Some(1342)),
            ("notes-2024-05.txt", None),
            ("pgp-keys.txt", None),
            ("紅樓夢.txt", None),
        ] {
            assert_eq!(number_in_file_name(name), number, "{name}");
        }
    }

    #[test]
    fn a_copy_is_recognised_by_its_ebook_or_by_title_and_author_in_either_script() {
        let untitled = document("book", None, None);
        assert_eq!(
            found(&untitled, "hongloumeng-traditional-pg24264.txt").as_deref(),
            Some("hongloumeng")
        );
        // The header's number wins over a file name that says otherwise.
        let moby = document("Moby Dick; or The Whale", None, Some(2701));
        assert_eq!(found(&moby, "pg1342.txt").as_deref(), Some("moby-dick"));
        let nahan = document("吶喊", Some("魯迅"), None);
        assert_eq!(found(&nahan, "book.txt").as_deref(), Some("nahan"));
        let romanised = document("Call to Arms", Some("Xun Lu"), None);
        assert_eq!(found(&romanised, "book.txt").as_deref(), Some("nahan"));
        // A title alone, when only one recommended book has it.
        assert_eq!(
            found(&document("紅樓夢", None, None), "紅樓夢.txt").as_deref(),
            Some("hongloumeng")
        );
        // The same title by somebody else is another book.
        assert_eq!(
            found(&document("紅樓夢", Some("高鶚"), None), "x.txt"),
            None
        );
        assert_eq!(found(&untitled, "notes.txt"), None);
    }
}

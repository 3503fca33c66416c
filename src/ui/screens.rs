//! The screens and what each one shows. A screen turns its state into a `View` (words only);
//! `render` draws any view the same way, so every screen gets the same sizes, focus marker,
//! cursor placement and small-window handling. The reader draws its own page.

mod book_detail;
mod book_lists;
mod bookmarks;
mod books_menu;
mod catalog_add;
mod catalog_login;
mod catalog_menu;
mod catalogs;
mod check_in;
mod club_form;
mod club_list;
mod club_menu;
mod club_report;
mod confirm_quit;
mod contents;
mod credit_rules;
mod desk_menu;
mod end_session;
mod find_all;
mod find_in_book;
mod go_to;
mod guides;
mod help;
mod home;
mod lecture_detail;
mod lecture_list;
mod lecture_menu;
mod lecture_topics;
mod library;
mod list_books;
mod member_form;
mod member_list;
mod member_menu;
mod more_settings;
mod my_learning;
mod new_pin;
mod notice;
mod pin;
mod qr_page;
mod questions;
mod quick_add;
mod quiz_check;
mod quiz_list;
mod quiz_page;
mod reading;
mod remote_entries;
mod remote_entry;
mod remote_search;
mod remote_source;
mod report_export;
mod report_folders;
mod roster_check;
mod same_day;
mod settings;
mod sheet_files;
mod sign_in;
mod sign_in_pin;
mod start_session;

pub use super::component::Screen;
pub(super) use confirm_quit::ConfirmQuit;
pub(super) use help::HelpPage;
pub(super) use home::Home;
pub(super) use my_learning::MyLearning;
pub(super) use notice::Notice;

use chrono::{DateTime, Datelike, FixedOffset};

use crate::i18n::{t, t_with};
use crate::model::Lang;

pub(super) fn short_date(when: DateTime<FixedOffset>, lang: Lang) -> String {
    let args = [
        ("month", t(lang, &format!("month-{}", when.month())).into()),
        ("day", when.day().into()),
        (
            "weekday",
            t(
                lang,
                &format!("weekday-{}", when.weekday().number_from_monday()),
            )
            .into(),
        ),
        ("time", when.format("%H:%M").to_string().into()),
        ("year", when.year().to_string().into()),
    ];
    // The year is said only when it is not this one: a recording from years ago.
    let this_year = chrono::Local::now().year();
    let id = match when.year() == this_year {
        true => "lecture-date",
        false => "lecture-date-year",
    };
    t_with(lang, id, &args)
}

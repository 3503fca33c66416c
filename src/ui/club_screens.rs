//! The reading-club screens: a volunteer picks a club, starts today's session and checks
//! people in; a learner signs in and sees their learning; staff see the activity report.
//! Each turns its state into a `View` like every other screen.

use chrono::Datelike;

use super::pager::{self, ListState};
use super::screens::View;
use crate::club::members::MemberIndex;
use crate::i18n::{t, t_with};
use crate::model::{Lang, LearningRecord, Report};
use crate::store::{Club, ClubSession, Member};

/// At most this many names are offered while typing (the seven-choice rule).
pub const MAX_MATCHES: usize = 7;

/// The check-in desk: type a card number or a name, Enter checks the person in.
pub struct CheckInDesk {
    pub session: ClubSession,
    pub members: MemberIndex,
    pub typed: String,
    pub matches: Vec<Member>,
    /// The name focused among the matches.
    pub list: ListState,
    /// People checked in so far, shown in large digits.
    pub count: u64,
    /// The last person checked in here, for undo.
    pub last: Option<Member>,
    /// The volunteer moved to a name on the list (Enter checks that one in; otherwise only an
    /// exact card or a single match is checked in).
    pub chosen: bool,
    /// What the last action did, shown under the count.
    pub said: Option<String>,
}

/// Signing in at the kiosk to see one's own learning: her whole card number, then her own PIN
/// when she has one. No names are offered: at a public kiosk, the next person must not see
/// who else comes here (picking a name from a list is the volunteer's desk, behind the PIN).
pub struct SignIn {
    pub card: String,
}

pub enum ClubScreen {
    /// The centre's clubs, to pick one, a page at a time when there are many.
    Clubs {
        list: ListState,
        clubs: Vec<Club>,
    },
    /// One club: start (or go back to) today's session, or see its report.
    ClubMenu {
        list: ListState,
        club: Club,
        today: Option<ClubSession>,
    },
    /// Today's session, pre-filled from the club's schedule; the volunteer may type the book.
    StartSession {
        club: Club,
        reading: String,
    },
    CheckIn(Box<CheckInDesk>),
    /// More at the desk: undo the last check-in, add a newcomer, end the session.
    DeskMenu {
        list: ListState,
        last: Option<String>,
    },
    /// A newcomer, by name alone; they are checked in once added.
    QuickAdd {
        name: String,
    },
    /// Ending the session, with the volunteer's notes.
    EndSession {
        notes: String,
    },
    /// The activity report for a year, with a bar chart per month.
    Reports {
        report: Report,
        scroll: usize,
    },
    SignIn(Box<SignIn>),
    /// The PIN of the learner whose card was typed.
    SignInPin {
        member: Member,
        digits: String,
    },
    /// The signed-in learner's record; a page that scrolls (at 40×12 it is taller than the
    /// window), and Enter signs out.
    MyLearning {
        record: LearningRecord,
        scroll: usize,
    },
}

/// The choices of the desk menu, in order; undo only when there is something to undo.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DeskChoice {
    Undo,
    AddMember,
    End,
    Back,
}

/// The desk menu's choices, always the same four so their numbers never move.
pub const DESK_CHOICES: [DeskChoice; 4] = [
    DeskChoice::Undo,
    DeskChoice::AddMember,
    DeskChoice::End,
    DeskChoice::Back,
];

impl ClubScreen {
    /// How many choices the screen shows: on the list of clubs, those of the page shown.
    pub fn item_count(&self) -> usize {
        match self {
            ClubScreen::Clubs { clubs, list } => pager::choices(clubs.len(), list.page).len(),
            ClubScreen::ClubMenu { .. } => 2,
            ClubScreen::CheckIn(desk) => desk.matches.len(),
            ClubScreen::DeskMenu { .. } => DESK_CHOICES.len(),
            ClubScreen::SignIn(_) | ClubScreen::SignInPin { .. } => 0,
            ClubScreen::StartSession { .. }
            | ClubScreen::QuickAdd { .. }
            | ClubScreen::EndSession { .. }
            | ClubScreen::Reports { .. }
            | ClubScreen::MyLearning { .. } => 0,
        }
    }

    /// On the list of clubs: how many clubs there are, and the page shown (`Screen::paged`).
    pub fn paged(&self) -> Option<(usize, usize)> {
        match self {
            ClubScreen::Clubs { clubs, list } => Some((clubs.len(), list.page)),
            _ => None,
        }
    }

    /// The list state of a screen with choices.
    pub fn list(&self) -> Option<&ListState> {
        match self {
            ClubScreen::Clubs { list, .. }
            | ClubScreen::ClubMenu { list, .. }
            | ClubScreen::DeskMenu { list, .. } => Some(list),
            ClubScreen::CheckIn(desk) => Some(&desk.list),
            _ => None,
        }
    }

    pub fn list_mut(&mut self) -> Option<&mut ListState> {
        match self {
            ClubScreen::Clubs { list, .. }
            | ClubScreen::ClubMenu { list, .. }
            | ClubScreen::DeskMenu { list, .. } => Some(list),
            ClubScreen::CheckIn(desk) => Some(&mut desk.list),
            _ => None,
        }
    }

    /// How far a page without choices is scrolled, on the pages that scroll.
    pub fn scroll_mut(&mut self) -> Option<&mut usize> {
        match self {
            ClubScreen::Reports { scroll, .. } | ClubScreen::MyLearning { scroll, .. } => {
                Some(scroll)
            }
            _ => None,
        }
    }

    /// The text field of this screen, if it has one.
    pub fn text_mut(&mut self) -> Option<&mut String> {
        match self {
            ClubScreen::StartSession { reading, .. } => Some(reading),
            ClubScreen::CheckIn(desk) => Some(&mut desk.typed),
            ClubScreen::QuickAdd { name } => Some(name),
            ClubScreen::EndSession { notes } => Some(notes),
            ClubScreen::SignIn(sign_in) => Some(&mut sign_in.card),
            ClubScreen::SignInPin { digits, .. } => Some(digits),
            _ => None,
        }
    }

    pub fn has_text(&self) -> bool {
        matches!(
            self,
            ClubScreen::StartSession { .. }
                | ClubScreen::CheckIn(_)
                | ClubScreen::QuickAdd { .. }
                | ClubScreen::EndSession { .. }
                | ClubScreen::SignIn(_)
                | ClubScreen::SignInPin { .. }
        )
    }

    /// Whether the text field takes digits only (a PIN, shown masked and never said).
    pub fn takes_digits(&self) -> bool {
        matches!(self, ClubScreen::SignInPin { .. })
    }

    /// Finds the names matching what was typed at the check-in desk; none is chosen until
    /// the volunteer moves to one (or only one matches).
    pub fn refresh_matches(&mut self) {
        let ClubScreen::CheckIn(desk) = self else {
            return;
        };
        desk.matches = desk
            .members
            .find(&desk.typed, MAX_MATCHES)
            .into_iter()
            .cloned()
            .collect();
        desk.list = ListState::default();
        desk.chosen = false;
    }

    /// The volunteer moved to a name on the desk's list: Enter checks that one in.
    pub fn note_chosen(&mut self) {
        if let ClubScreen::CheckIn(desk) = self {
            desk.chosen = true;
        }
    }

    /// The help text for `?` on these screens.
    pub fn help_id(&self) -> &'static str {
        match self {
            ClubScreen::Clubs { .. } | ClubScreen::ClubMenu { .. } => "help-club",
            ClubScreen::StartSession { .. } => "help-session-start",
            ClubScreen::CheckIn(_)
            | ClubScreen::DeskMenu { .. }
            | ClubScreen::QuickAdd { .. }
            | ClubScreen::EndSession { .. } => "help-checkin",
            ClubScreen::Reports { .. } => "help-reports",
            ClubScreen::SignIn(_)
            | ClubScreen::SignInPin { .. }
            | ClubScreen::MyLearning { .. } => "help-learning",
        }
    }

    pub fn view(&self, lang: Lang, focus: Option<usize>) -> View {
        let menu = |title: String, items: Vec<String>| View {
            title,
            items,
            focus,
            hint: t(lang, "hint-menu"),
            ..View::default()
        };
        let field = |title: String, body: Vec<String>, input: &str| View {
            title,
            body,
            input: Some(input.to_owned()),
            hint: t(lang, "hint-field"),
            ..View::default()
        };
        match self {
            ClubScreen::Clubs { clubs, .. } => View {
                body: if clubs.is_empty() {
                    vec![t(lang, "club-none-screen")]
                } else {
                    Vec::new()
                },
                ..menu(
                    t(lang, "home-club"),
                    clubs
                        .iter()
                        .map(|c| crate::club::describe_club(c, lang))
                        .collect(),
                )
            },
            ClubScreen::ClubMenu { club, today, .. } => {
                let session = match today {
                    Some(_) => t(lang, "club-continue-session"),
                    None => t(lang, "club-start-session"),
                };
                menu(club.name.clone(), vec![session, t(lang, "club-reports")])
            }
            ClubScreen::StartSession { club, reading } => {
                let today = chrono::Local::now().date_naive();
                let mut when = vec![today.to_string(), crate::club::usual_time(club, lang)];
                when.push(club.venue.clone());
                if !club.facilitator.is_empty() {
                    let led = [("facilitator", club.facilitator.clone().into())];
                    when.push(t_with(lang, "session-start-led", &led));
                }
                when.retain(|part| !part.is_empty());
                field(
                    t_with(
                        lang,
                        "session-start-title",
                        &[("club", club.name.clone().into())],
                    ),
                    vec![when.join(" · "), t(lang, "session-start-book")],
                    reading,
                )
            }
            ClubScreen::CheckIn(desk) => {
                let said = desk.said.clone().unwrap_or_else(|| t(lang, "checkin-how"));
                View {
                    title: t_with(
                        lang,
                        "checkin-title",
                        &[("club", desk.session.club_name.clone().into())],
                    ),
                    big: Some(t_with(
                        lang,
                        "checkin-count",
                        &[("count", desk.count.into())],
                    )),
                    body: vec![said],
                    input: Some(desk.typed.clone()),
                    items: desk.matches.iter().map(member_label).collect(),
                    focus,
                    hint: t(lang, "hint-checkin"),
                    ..View::default()
                }
            }
            ClubScreen::DeskMenu { last, .. } => {
                let items = DESK_CHOICES
                    .into_iter()
                    .map(|choice| match (choice, last) {
                        (DeskChoice::Undo, Some(name)) => {
                            t_with(lang, "desk-undo", &[("name", name.clone().into())])
                        }
                        (DeskChoice::Undo, None) => t(lang, "desk-undo-nothing"),
                        (DeskChoice::AddMember, _) => t(lang, "desk-add-member"),
                        (DeskChoice::End, _) => t(lang, "desk-end"),
                        (DeskChoice::Back, _) => t(lang, "desk-back"),
                    })
                    .collect();
                menu(t(lang, "desk-title"), items)
            }
            ClubScreen::QuickAdd { name } => field(
                t(lang, "desk-add-member"),
                vec![t(lang, "quick-add-body")],
                name,
            ),
            ClubScreen::EndSession { notes } => field(
                t(lang, "desk-end"),
                vec![t(lang, "end-session-body")],
                notes,
            ),
            ClubScreen::Reports { report, scroll } => View {
                title: t_with(
                    lang,
                    "reports-title",
                    &[("year", report.from.year().into())],
                ),
                body: report_lines(report, lang),
                hint: t(lang, "hint-reports"),
                scroll: *scroll,
                ..View::default()
            },
            ClubScreen::SignIn(sign_in) => View {
                title: t(lang, "sign-in-title"),
                body: vec![t(lang, "sign-in-body")],
                input: Some(sign_in.card.clone()),
                hint: t(lang, "hint-sign-in"),
                ..View::default()
            },
            ClubScreen::SignInPin { digits, .. } => View {
                title: t(lang, "sign-in-pin-title"),
                body: vec![t(lang, "sign-in-pin-body")],
                input: Some("●".repeat(digits.chars().count())),
                hint: t(lang, "hint-pin"),
                ..View::default()
            },
            ClubScreen::MyLearning { record, scroll } => View {
                title: t_with(
                    lang,
                    "learning-title",
                    &[("name", record.name.clone().into())],
                ),
                body: learning_lines(record, lang),
                hint: t(lang, "hint-learning"),
                scroll: *scroll,
                ..View::default()
            },
        }
    }
}

/// A name as offered while typing, with the card so two people of one name can be told apart.
fn member_label(member: &Member) -> String {
    match &member.card {
        Some(card) => format!("{} · {card}", member.name),
        None => member.name.clone(),
    }
}

/// Widest bar of the month chart, in cells (fits a 40-column screen with its labels).
const BAR_CELLS: u64 = 16;

/// The report as lines to read and hear: per month the sessions and person-times, each with a
/// bar scaled to the busiest month, then the totals.
fn report_lines(report: &Report, lang: Lang) -> Vec<String> {
    if report.rows.is_empty() {
        return vec![t(lang, "reports-none")];
    }
    let mut months: Vec<(String, u64, u64)> = Vec::new();
    for row in &report.rows {
        match months.iter_mut().find(|(m, _, _)| *m == row.month) {
            Some(month) => {
                month.1 += row.counts.activities;
                month.2 += row.counts.person_times;
            }
            None => months.push((
                row.month.clone(),
                row.counts.activities,
                row.counts.person_times,
            )),
        }
    }
    months.sort();
    let most_sessions = months.iter().map(|m| m.1).max().unwrap_or(1).max(1);
    let most_times = months.iter().map(|m| m.2).max().unwrap_or(1).max(1);
    let bar = |n: u64, most: u64| "█".repeat(((n * BAR_CELLS).div_ceil(most)) as usize);
    let mut lines: Vec<String> = months
        .iter()
        .map(|(month, sessions, times)| {
            t_with(
                lang,
                "reports-month",
                &[
                    ("month", month.clone().into()),
                    ("sessions", (*sessions).into()),
                    ("times", (*times).into()),
                    ("sessionbar", bar(*sessions, most_sessions).into()),
                    ("timesbar", bar(*times, most_times).into()),
                ],
            )
        })
        .collect();
    let totals = report.totals;
    lines.push(t_with(
        lang,
        "reports-totals",
        &[
            ("sessions", totals.activities.into()),
            ("times", totals.person_times.into()),
            ("people", totals.participants.into()),
            ("new", totals.new_members.into()),
            ("minutes", totals.minutes_read.into()),
        ],
    ));
    lines
}

fn learning_lines(record: &LearningRecord, lang: Lang) -> Vec<String> {
    let list = |items: Vec<String>| {
        if items.is_empty() {
            t(lang, "learning-none")
        } else {
            items.join(&t(lang, "list-separator"))
        }
    };
    let mut lines = vec![
        t_with(
            lang,
            "learning-reading",
            &[(
                "books",
                list(
                    record
                        .in_progress
                        .iter()
                        .map(|b| format!("{} {}%", b.title, b.percent))
                        .collect(),
                )
                .into(),
            )],
        ),
        t_with(
            lang,
            "learning-finished",
            &[(
                "books",
                list(record.finished.iter().map(|b| b.title.clone()).collect()).into(),
            )],
        ),
        t_with(
            lang,
            "learning-minutes",
            &[("minutes", record.minutes_this_month.into())],
        ),
        t_with(
            lang,
            "learning-sessions",
            &[("count", record.sessions.len().into())],
        ),
        t_with(
            lang,
            "learning-lectures",
            &[("count", record.lectures.len().into())],
        ),
    ];
    lines.extend(plan_lines(record, lang));
    lines.push(t(lang, "learning-sign-out-how"));
    lines
}

/// The lectures she asked to be reminded of, soonest first, each with when and where.
fn plan_lines(record: &LearningRecord, lang: Lang) -> Vec<String> {
    if record.planned.is_empty() {
        return vec![t(lang, "learning-plan-none")];
    }
    record
        .planned
        .iter()
        .map(|plan| {
            let when = plan
                .starts_at
                .as_deref()
                .and_then(|s| chrono::DateTime::parse_from_rfc3339(s).ok())
                .map(|start| super::screens::short_date(start, lang))
                .unwrap_or_default();
            let args = [
                ("when", when.into()),
                ("title", plan.title.clone().into()),
                ("place", plan.place.clone().unwrap_or_default().into()),
            ];
            t_with(lang, "learning-plan", &args)
        })
        .collect()
}

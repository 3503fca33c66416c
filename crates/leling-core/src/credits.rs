//! Learning credits (学时): what a learner's activities earn under her centre's rules. The
//! defaults are one credit per 45 minutes of a reading-club session, one per lecture attended,
//! one per 120 minutes read at the kiosk, one per book finished and one per quiz passed;
//! provinces differ, so every rule is the centre's to change (the kiosk's settings file,
//! `[credits]`, and the administrator's screen).

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

/// A centre's credit rules. Minutes per credit of zero earn nothing by that activity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
// Unknown keys are let be, as everywhere in the settings file: a misspelt rule must not cost
// the kiosk its other settings.
#[serde(default)]
pub struct CreditRules {
    /// Minutes of a reading-club session attended per credit.
    pub session_minutes: u32,
    /// Credits per lecture attended.
    pub per_lecture: u32,
    /// Minutes read at the kiosk per credit.
    pub reading_minutes: u32,
    /// Credits per book finished.
    pub per_book: u32,
    /// Credits per quiz passed (each quiz once, however often it is passed again).
    pub per_quiz: u32,
}

impl Default for CreditRules {
    fn default() -> CreditRules {
        CreditRules {
            session_minutes: 45,
            per_lecture: 1,
            reading_minutes: 120,
            per_book: 1,
            per_quiz: 1,
        }
    }
}

/// What earns credits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum CreditKind {
    /// Minutes of sessions attended.
    Sessions,
    /// Lectures attended.
    Lectures,
    /// Minutes read at the kiosk.
    Reading,
    /// Books finished.
    Books,
    /// Quizzes passed.
    Quizzes,
}

pub const CREDIT_KINDS: [CreditKind; 5] = [
    CreditKind::Sessions,
    CreditKind::Lectures,
    CreditKind::Reading,
    CreditKind::Books,
    CreditKind::Quizzes,
];

/// One thing she did on a day: minutes for sessions and reading, one for the rest.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Earning {
    pub day: NaiveDate,
    pub kind: CreditKind,
    pub amount: u64,
}

/// What one kind of activity earned her.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Earned {
    pub kind: CreditKind,
    /// Minutes, or how many.
    pub amount: u64,
    pub credits: f64,
}

/// Her credits: this year's by what earned them, this year's total and the total of all years.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct CreditSummary {
    pub year: i32,
    /// Only the kinds that earned something this year, in [`CREDIT_KINDS`] order.
    pub this_year: Vec<Earned>,
    pub year_total: f64,
    pub total: f64,
}

impl CreditRules {
    /// The credits `amount` of `kind` earns.
    pub fn credits(&self, kind: CreditKind, amount: u64) -> f64 {
        let per_minutes = |minutes: u32| {
            if minutes == 0 {
                0.0
            } else {
                amount as f64 / f64::from(minutes)
            }
        };
        match kind {
            CreditKind::Sessions => per_minutes(self.session_minutes),
            CreditKind::Reading => per_minutes(self.reading_minutes),
            CreditKind::Lectures => amount as f64 * f64::from(self.per_lecture),
            CreditKind::Books => amount as f64 * f64::from(self.per_book),
            CreditKind::Quizzes => amount as f64 * f64::from(self.per_quiz),
        }
    }

    /// The credits of the sessions of a report's row: `minutes` of sessions attended in all
    /// (each check-in counted with its session's length), and `untimed` check-ins to sessions
    /// whose length was not recorded, each as long as one credit.
    pub fn session_credits(&self, minutes: u64, untimed: u64) -> f64 {
        let untimed_minutes = untimed * u64::from(self.session_minutes);
        self.credits(CreditKind::Sessions, minutes + untimed_minutes)
    }

    /// Her credits as of `today`, from everything she did.
    pub fn summary(&self, earnings: &[Earning], today: NaiveDate) -> CreditSummary {
        let year = today.year();
        let sum = |kind: CreditKind, this_year: bool| -> u64 {
            (earnings.iter())
                .filter(|e| e.kind == kind && (!this_year || e.day.year() == year))
                .map(|e| e.amount)
                .sum()
        };
        let this_year: Vec<Earned> = CREDIT_KINDS
            .iter()
            .map(|&kind| {
                let amount = sum(kind, true);
                Earned {
                    kind,
                    amount,
                    credits: self.credits(kind, amount),
                }
            })
            .filter(|earned| earned.amount > 0)
            .collect();
        let total = (CREDIT_KINDS.iter())
            .map(|&kind| self.credits(kind, sum(kind, false)))
            .sum();
        CreditSummary {
            year,
            year_total: this_year.iter().map(|e| e.credits).sum(),
            this_year,
            total,
        }
    }
}

/// Credits as people read them: one decimal, none when whole (`2`, `1.5`).
pub fn shown(credits: f64) -> String {
    let tenths = (credits * 10.0).round() / 10.0;
    if tenths.fract() == 0.0 {
        format!("{tenths:.0}")
    } else {
        format!("{tenths:.1}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(year: i32, month: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(year, month, d).unwrap()
    }

    fn earning(day: NaiveDate, kind: CreditKind, amount: u64) -> Earning {
        Earning { day, kind, amount }
    }

    #[test]
    fn this_year_is_told_by_kind_and_every_year_counts_in_the_total() {
        let earnings = [
            earning(day(2026, 3, 1), CreditKind::Sessions, 90),
            earning(day(2026, 4, 1), CreditKind::Sessions, 45),
            earning(day(2026, 5, 1), CreditKind::Reading, 60),
            earning(day(2026, 6, 1), CreditKind::Quizzes, 1),
            earning(day(2025, 6, 1), CreditKind::Books, 1),
        ];
        let summary = CreditRules::default().summary(&earnings, day(2026, 12, 8));
        let kinds: Vec<(CreditKind, u64, String)> = (summary.this_year.iter())
            .map(|e| (e.kind, e.amount, shown(e.credits)))
            .collect();
        assert_eq!(
            kinds,
            [
                (CreditKind::Sessions, 135, "3".to_string()),
                (CreditKind::Reading, 60, "0.5".to_string()),
                (CreditKind::Quizzes, 1, "1".to_string()),
            ]
        );
        assert_eq!(shown(summary.year_total), "4.5");
        assert_eq!(shown(summary.total), "5.5");
    }

    #[test]
    fn a_centre_changes_the_rules_and_a_rule_of_zero_earns_nothing() {
        let rules = CreditRules {
            session_minutes: 60,
            reading_minutes: 0,
            per_quiz: 2,
            ..CreditRules::default()
        };
        assert_eq!(rules.credits(CreditKind::Sessions, 90), 1.5);
        assert_eq!(rules.credits(CreditKind::Reading, 500), 0.0);
        assert_eq!(rules.credits(CreditKind::Quizzes, 3), 6.0);
        let parsed: CreditRules = toml::from_str("session_minutes = 60").unwrap();
        assert_eq!(parsed.session_minutes, 60);
        assert_eq!(parsed.per_book, 1);
    }
}

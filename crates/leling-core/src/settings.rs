//! Values a person sets in steps (speech rate, line gap, zoom): plain data the settings file,
//! the voice and the screens all read.

use serde::{Deserialize, Serialize};

/// A value that must lie in `MIN..=MAX`; the TOML reader reports the line of a value outside it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "i64", into = "i64")]
pub struct Step<const MIN: u8, const MAX: u8>(u8);

impl<const MIN: u8, const MAX: u8> Step<MIN, MAX> {
    pub const fn new(value: u8) -> Self {
        assert!(value >= MIN && value <= MAX);
        Step(value)
    }
    pub fn get(self) -> u8 {
        self.0
    }
    /// The next value, wrapping round to the smallest after the largest.
    pub fn cycled(self) -> Self {
        if self.0 >= MAX {
            Step(MIN)
        } else {
            Step(self.0 + 1)
        }
    }
    /// The previous value, wrapping round to the largest before the smallest.
    pub fn cycled_back(self) -> Self {
        if self.0 <= MIN {
            Step(MAX)
        } else {
            Step(self.0 - 1)
        }
    }
    pub fn up(self) -> Self {
        Step(self.0.saturating_add(1).min(MAX))
    }
    pub fn down(self) -> Self {
        Step(self.0.saturating_sub(1).max(MIN))
    }
}

impl<const MIN: u8, const MAX: u8> TryFrom<i64> for Step<MIN, MAX> {
    type Error = String;
    fn try_from(value: i64) -> Result<Self, Self::Error> {
        if (i64::from(MIN)..=i64::from(MAX)).contains(&value) {
            Ok(Step(value as u8))
        } else {
            Err(format!("must be a whole number from {MIN} to {MAX}"))
        }
    }
}

impl<const MIN: u8, const MAX: u8> From<Step<MIN, MAX>> for i64 {
    fn from(step: Step<MIN, MAX>) -> i64 {
        i64::from(step.0)
    }
}

/// Blank rows between lines of text: 0, 1 or 2.
pub type LineGap = Step<0, 2>;
/// Speech rate in five steps; 3 is the normal pace.
pub type SpeechRate = Step<1, 5>;
/// Text size: ×1 to ×4.
pub type Zoom = Step<1, 4>;

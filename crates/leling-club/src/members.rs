//! Finding a member as a volunteer types: by card number, by name in either script, or by
//! the pinyin of the name in full or by initials (张秀英 is found by `zxy` and `zhangxiuying`).

use chrono::NaiveDate;

use leling_catalog::search_keys::{fold, pinyin_forms};
use leling_store::{Member, NewMember};

/// What a name is matched by, stored with the member so a roster of thousands is not
/// re-spelled in pinyin at every start.
pub fn search_keys(name: &str) -> String {
    let folded = fold(name);
    let pinyin = pinyin_forms(name);
    if pinyin.is_empty() {
        folded
    } else {
        format!("{folded} {pinyin}")
    }
}

/// A new member with a name and perhaps a card, joined on `joined_on`, its search keys made;
/// the optional details (phone, birth year, consent, language) left for the caller to add.
pub fn new_member(name: &str, card: Option<&str>, joined_on: NaiveDate) -> NewMember {
    NewMember {
        name: name.to_owned(),
        card: card.map(str::to_owned),
        phone: None,
        birth_year: None,
        consent_on: None,
        lang: None,
        joined_on,
        search_keys: search_keys(name),
    }
}

/// The members of the centre, ready to be searched as each key is typed.
pub struct MemberIndex {
    members: Vec<Member>,
}

/// How a member matched, best first: the order results are shown in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Match {
    Card,
    NameStart,
    Inside,
}

impl MemberIndex {
    pub fn new(members: Vec<Member>) -> MemberIndex {
        MemberIndex { members }
    }

    pub fn len(&self) -> usize {
        self.members.len()
    }

    pub fn is_empty(&self) -> bool {
        self.members.is_empty()
    }

    pub fn add(&mut self, member: Member) {
        self.members.push(member);
    }

    /// The member whose card is `card` ([`card_is`]).
    pub fn by_card(&self, card: &str) -> Option<&Member> {
        self.members.iter().find(|m| card_is(m, card))
    }

    /// Up to `max` members matching what was typed, best matches first.
    pub fn find(&self, typed: &str, max: usize) -> Vec<&Member> {
        let query = fold(typed);
        if query.is_empty() {
            return Vec::new();
        }
        let joined = query.replace(' ', "");
        let mut found: Vec<(Match, &Member)> = self
            .members
            .iter()
            .filter_map(|m| match_of(m, &query, &joined).map(|how| (how, m)))
            .collect();
        found.sort_by(|a, b| a.0.cmp(&b.0).then_with(|| a.1.name.cmp(&b.1.name)));
        found.into_iter().take(max).map(|(_, m)| m).collect()
    }
}

/// Whether `typed` is the member's whole card, its letters in either case (cards such as
/// `M00042` are typed as `m00042` too) and spaces around it left out.
pub fn card_is(member: &Member, typed: &str) -> bool {
    member
        .card
        .as_deref()
        .is_some_and(|card| fold(card) == fold(typed))
}

/// `query` is folded as typed; `joined` is the same without spaces, as pinyin is indexed.
fn match_of(member: &Member, query: &str, joined: &str) -> Option<Match> {
    let card = member.card.as_deref().map(fold);
    if card.as_deref() == Some(query) {
        return Some(Match::Card);
    }
    let mut keys = member.search_keys.split(' ');
    if member.search_keys.starts_with(query) || keys.any(|key| key.starts_with(joined)) {
        return Some(Match::NameStart);
    }
    let name_or_card_holds =
        member.search_keys.contains(query) || card.is_some_and(|c| c.contains(query));
    name_or_card_holds.then_some(Match::Inside)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn member(name: &str, card: &str) -> Member {
        Member {
            id: card.to_owned(),
            name: name.to_owned(),
            card: Some(card.to_owned()),
            phone: None,
            birth_year: None,
            consent_on: None,
            lang: None,
            joined_on: chrono::NaiveDate::from_ymd_opt(2026, 1, 5).unwrap(),
            search_keys: search_keys(name),
        }
    }

    #[test]
    fn a_name_is_found_by_characters_pinyin_and_initials_in_either_script() {
        let index = MemberIndex::new(vec![
            member("张秀英", "1001"),
            member("王建国", "1002"),
            member("Mary Smith", "1003"),
        ]);
        for typed in ["张秀", "張秀英", "zxy", "zhangxiu", "ZXY"] {
            let names: Vec<&str> = index
                .find(typed, 7)
                .iter()
                .map(|m| m.name.as_str())
                .collect();
            assert_eq!(names, ["张秀英"], "typed {typed}");
        }
        assert_eq!(index.find("smi", 7)[0].name, "Mary Smith");
        assert_eq!(index.find("mary s", 7)[0].name, "Mary Smith");
        assert_eq!(index.by_card(" 1002 ").unwrap().name, "王建国");
        assert!(index.find("", 7).is_empty());
    }

    /// Issue 22, item 10: cards with letters were compared with the typed text folded to
    /// lower case, so `M00042` was never found.
    #[test]
    fn a_card_with_letters_is_found_typed_in_either_case() {
        let index = MemberIndex::new(vec![member("钱桂芳", "M00042"), member("孙玉兰", "M00043")]);
        for typed in ["M00042", "m00042", " M00042 "] {
            let found: Vec<&str> = index
                .find(typed, 7)
                .iter()
                .map(|m| m.name.as_str())
                .collect();
            assert_eq!(found, ["钱桂芳"], "typed {typed:?}");
            assert_eq!(
                index.by_card(typed).map(|m| m.name.as_str()),
                Some("钱桂芳")
            );
        }
        assert_eq!(index.find("m0004", 7).len(), 2);
    }

    #[test]
    fn an_exact_card_comes_before_names_that_contain_the_digits() {
        let index = MemberIndex::new(vec![member("李四", "12"), member("赵六", "3124")]);
        let found: Vec<&str> = index
            .find("12", 7)
            .iter()
            .map(|m| m.name.as_str())
            .collect();
        assert_eq!(found, ["李四", "赵六"]);
    }
}

//! The 5x5 heat grid: open risks placed by likelihood and impact.

use super::{Risk, risk::RiskStatus};

/// Indices of open risks per cell, `cells[impact - 1][likelihood - 1]`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct HeatGrid {
    cells: [[Vec<usize>; 5]; 5],
}

pub const LIKELIHOOD_NAMES: [&str; 5] = ["Rare", "Unlikely", "Possible", "Likely", "Almost certain"];
pub const IMPACT_NAMES: [&str; 5] = ["Negligible", "Minor", "Moderate", "Major", "Catastrophic"];

impl HeatGrid {
    pub fn of(risks: &[Risk]) -> HeatGrid {
        let mut grid = HeatGrid::default();
        for (index, risk) in risks.iter().enumerate() {
            if risk.status == RiskStatus::Open {
                grid.cells[usize::from(risk.impact.get() - 1)][usize::from(risk.likelihood.get() - 1)].push(index);
            }
        }
        grid
    }

    /// Risks in the cell at likelihood `l` and impact `i`, both 1-5.
    pub fn cell(&self, l: u8, i: u8) -> &[usize] {
        &self.cells[usize::from(i - 1)][usize::from(l - 1)]
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::risk::{Level, Risk};

    fn risk(l: u8, i: u8, status: RiskStatus) -> Risk {
        Risk {
            changes: vec![],
            id: crate::model::id::Id::fresh(),
            reference: "R".into(),
            title: "t".into(),
            owner: "MM".into(),
            category: String::new(),
            likelihood: Level::try_from(l).unwrap(),
            impact: Level::try_from(i).unwrap(),
            scored: "2022-01-05".parse().unwrap(),
            target: None,
            inherent: None,
            history: vec![],
            mitigation: String::new(),
            review: None,
            status,
        }
    }

    #[test]
    fn places_open_risks_by_likelihood_and_impact() {
        let risks = [
            risk(4, 5, RiskStatus::Open),
            risk(4, 5, RiskStatus::Open),
            risk(1, 2, RiskStatus::Open),
            risk(3, 3, RiskStatus::Closed),
        ];
        let grid = HeatGrid::of(&risks);
        assert_eq!(grid.cell(4, 5), &[0, 1]);
        assert_eq!(grid.cell(1, 2), &[2]);
        assert!(grid.cell(3, 3).is_empty());
        assert!(grid.cell(5, 4).is_empty());
    }
}

#[cfg(test)]
mod band_tests {
    use crate::model::board::{BandColour, RiskBand};
    use crate::model::validate::validate;

    fn band(name: &str, min: u8, max: u8) -> RiskBand {
        RiskBand { name: name.into(), min, max, colour: BandColour::Green, letter: name.chars().next().unwrap() }
    }

    #[test]
    fn bands_come_from_the_board() {
        let mut board = crate::model::test_board();
        assert_eq!(board.band_for(16).unwrap().name, "extreme");
        assert_eq!(board.band_for(7).unwrap().name, "moderate", "7 cannot occur on a 5x5; it takes the band below");
        board.risk_bands = vec![band("green", 1, 5), band("amber", 6, 14), band("red", 15, 25)];
        assert_eq!(board.band_for(5).unwrap().name, "green");
        assert_eq!(board.band_for(12).unwrap().name, "amber");
        assert_eq!(board.band_for(25).unwrap().name, "red");
    }

    #[test]
    fn overlapping_or_out_of_range_bands_are_refused() {
        let ws = crate::store::load(std::path::Path::new("sample-data/small-board")).unwrap();
        let mut bad = ws.clone();
        bad.board.risk_bands = vec![band("low", 1, 10), band("high", 8, 25)];
        let found = validate(&bad);
        assert!(
            found.iter().any(|p| p.path == "risk_bands[1]" && p.message.contains("score 8 is in two bands")),
            "{found:?}"
        );
        bad.board.risk_bands = vec![band("all", 0, 30)];
        assert!(validate(&bad).iter().any(|p| p.message.contains("1 <= min <= max <= 25")));
    }
}

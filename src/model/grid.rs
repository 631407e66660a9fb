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

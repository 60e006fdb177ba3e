//! Country names and codes as ACLED and UCDP write them (`data/countries.csv`).

use std::collections::HashMap;
use std::sync::OnceLock;

const TABLE: &str = include_str!("../data/countries.csv");

/// One row of the table; empty cells are `None`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Country {
    pub iso_numeric: Option<&'static str>,
    pub acled_name: Option<&'static str>,
    pub acled_region: Option<&'static str>,
    pub ucdp_name: Option<&'static str>,
    pub gw: Option<&'static str>,
    pub ucdp_region: Option<&'static str>,
}

fn table() -> &'static HashMap<&'static str, Country> {
    static T: OnceLock<HashMap<&'static str, Country>> = OnceLock::new();
    T.get_or_init(|| {
        let cell = |s: Option<&'static str>| s.map(str::trim).filter(|s| !s.is_empty());
        TABLE
            .lines()
            .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
            .filter_map(|l| {
                let mut f = l.split(',');
                let alpha2 = cell(f.next())?;
                Some((
                    alpha2,
                    Country {
                        iso_numeric: cell(f.next()),
                        acled_name: cell(f.next()),
                        acled_region: cell(f.next()),
                        ucdp_name: cell(f.next()),
                        gw: cell(f.next()),
                        ucdp_region: cell(f.next()),
                    },
                ))
            })
            .collect()
    })
}

/// The row for an ISO 3166-1 alpha-2 code (any case).
pub(crate) fn country(alpha2: &str) -> Option<Country> {
    table().get(alpha2.to_ascii_uppercase().as_str()).copied()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_row_has_seven_cells() {
        for l in TABLE.lines().filter(|l| !l.starts_with('#') && !l.trim().is_empty()) {
            assert_eq!(l.split(',').count(), 7, "{l}");
            let alpha2 = l.split(',').next().unwrap_or_default();
            assert!(alpha2.len() == 2 && alpha2.bytes().all(|b| b.is_ascii_uppercase()), "{l}");
        }
    }

    #[test]
    fn lookups() {
        let sy = country("sy").expect("Syria is listed");
        assert_eq!(sy.acled_name, Some("Syria"));
        assert_eq!(sy.iso_numeric, Some("760"));
        assert_eq!(sy.gw, Some("652"));
        let ps = country("PS").expect("Palestine is listed");
        assert_eq!((ps.acled_name, ps.ucdp_name), (Some("Palestine"), None));
        assert_eq!(country("XK"), None);
    }
}

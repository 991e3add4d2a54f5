//! ISO 3166-1 alpha-3 codes (from pycountry 26.2.16, ISO 3166-1 via Debian iso-codes), plus XKX (Kosovo, user-assigned).

use std::sync::OnceLock;

pub const ALPHA3: &str = "
    ABW AFG AGO AIA ALA ALB AND ARE ARG ARM ASM ATA ATF ATG AUS AUT
    AZE BDI BEL BEN BES BFA BGD BGR BHR BHS BIH BLM BLR BLZ BMU BOL
    BRA BRB BRN BTN BVT BWA CAF CAN CCK CHE CHL CHN CIV CMR COD COG
    COK COL COM CPV CRI CUB CUW CXR CYM CYP CZE DEU DJI DMA DNK DOM
    DZA ECU EGY ERI ESH ESP EST ETH FIN FJI FLK FRA FRO FSM GAB GBR
    GEO GGY GHA GIB GIN GLP GMB GNB GNQ GRC GRD GRL GTM GUF GUM GUY
    HKG HMD HND HRV HTI HUN IDN IMN IND IOT IRL IRN IRQ ISL ISR ITA
    JAM JEY JOR JPN KAZ KEN KGZ KHM KIR KNA KOR KWT LAO LBN LBR LBY
    LCA LIE LKA LSO LTU LUX LVA MAC MAF MAR MCO MDA MDG MDV MEX MHL
    MKD MLI MLT MMR MNE MNG MNP MOZ MRT MSR MTQ MUS MWI MYS MYT NAM
    NCL NER NFK NGA NIC NIU NLD NOR NPL NRU NZL OMN PAK PAN PCN PER
    PHL PLW PNG POL PRI PRK PRT PRY PSE PYF QAT REU ROU RUS RWA SAU
    SDN SEN SGP SGS SHN SJM SLB SLE SLV SMR SOM SPM SRB SSD STP SUR
    SVK SVN SWE SWZ SXM SYC SYR TCA TCD TGO THA TJK TKL TKM TLS TON
    TTO TUN TUR TUV TWN TZA UGA UKR UMI URY USA UZB VAT VCT VEN VGB
    VIR VNM VUT WLF WSM XKX YEM ZAF ZMB ZWE
";

/// Is `code` an ISO 3166-1 alpha-3 country code?
pub fn is_alpha3(code: &str) -> bool {
    // One bit per possible code AAA..ZZZ: 26³ bits, no hashing per lookup
    // (the gazetteers check ~50,000 codes at every start).
    static SET: OnceLock<Vec<u64>> = OnceLock::new();
    let set = SET.get_or_init(|| {
        let mut bits = vec![0u64; (26 * 26 * 26usize).div_ceil(64)];
        for c in ALPHA3.split_whitespace() {
            let i = index(c).expect("the list holds A-Z codes");
            bits[i / 64] |= 1 << (i % 64);
        }
        bits
    });
    index(code).is_some_and(|i| set[i / 64] >> (i % 64) & 1 == 1)
}

/// `AAA` → 0 ... `ZZZ` → 26³ - 1; `None` unless three ASCII capitals.
fn index(code: &str) -> Option<usize> {
    match code.as_bytes() {
        &[a, b, c] if [a, b, c].iter().all(u8::is_ascii_uppercase) => {
            Some(((a - b'A') as usize * 26 + (b - b'A') as usize) * 26 + (c - b'A') as usize)
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_in_the_list_and_only_those() {
        assert!(is_alpha3("SYR") && is_alpha3("ABW") && is_alpha3("ZWE") && is_alpha3("XKX"));
        for bad in ["syr", "SY", "SYRA", "XXX", "", "ÄBW", "AB1"] {
            assert!(!is_alpha3(bad), "{bad}");
        }
        let n = (0..26 * 26 * 26)
            .filter(|&i| {
                let code: String = [i / 676, i / 26 % 26, i % 26]
                    .iter()
                    .map(|&k| (b'A' + k as u8) as char)
                    .collect();
                is_alpha3(&code)
            })
            .count();
        assert_eq!(n, ALPHA3.split_whitespace().count());
    }
}

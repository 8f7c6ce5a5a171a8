//! TOTP (RFC 6238 over HOTP, RFC 4226) with HMAC-SHA1, and the keyed hashes of
//! recovery codes. The rules around them (steps, drift, code shapes) are in
//! `accounts::second_factor`.

use super::crypto::{ct_eq, hmac_sha256_hex, random_bytes};
use crate::accounts::{
    candidate_steps, recovery_code_from, RECOVERY_CODES, RECOVERY_CODE_CHARS, TOTP_DIGITS,
};
use hmac::{Hmac, Mac};
use sha1::Sha1;

/// A new 160-bit secret (RFC 4226 recommends 160 bits).
pub fn new_secret() -> [u8; 20] {
    random_bytes()
}

/// The code of one time step (HOTP with the step as counter, dynamic truncation).
pub fn code_at(secret: &[u8], step: u64) -> u32 {
    let mut mac = Hmac::<Sha1>::new_from_slice(secret).expect("HMAC takes any key length");
    mac.update(&step.to_be_bytes());
    let hash = mac.finalize().into_bytes();
    let offset = (hash[19] & 0x0f) as usize;
    let value = u32::from_be_bytes([
        hash[offset],
        hash[offset + 1],
        hash[offset + 2],
        hash[offset + 3],
    ]) & 0x7fff_ffff;
    value % 10u32.pow(TOTP_DIGITS)
}

/// The step `code` belongs to, if it is one near `now_secs` and later than
/// `last_used_step`; the caller then records that step as used.
pub fn verify(secret: &[u8], code: u32, now_secs: u64, last_used_step: u64) -> Option<u64> {
    candidate_steps(now_secs, last_used_step)
        .find(|&step| ct_eq(&code_at(secret, step).to_be_bytes(), &code.to_be_bytes()))
}

/// Fresh recovery codes, as shown to the person (`xxxxx-xxxxx`).
pub fn new_recovery_codes() -> Vec<String> {
    (0..RECOVERY_CODES)
        .map(|_| recovery_code_from(random_bytes::<RECOVERY_CODE_CHARS>()))
        .collect()
}

/// What is stored of a recovery code: a keyed hash bound to its owner, so a
/// copy of the table neither shows the codes nor lets anyone test guesses.
/// `normalised` is the code as `SecondFactorCode::parse` gives it.
pub fn recovery_hash(key: &[u8], staff_id: i64, normalised: &str) -> String {
    hmac_sha256_hex(
        key,
        format!("gongyou/recovery-code/v1\n{staff_id}\n{normalised}").as_bytes(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::accounts::{CodeInput, SecondFactorCode};

    const RFC_SECRET: &[u8] = b"12345678901234567890";

    #[test]
    fn matches_the_rfc_6238_sha1_vectors() {
        // RFC 6238 Appendix B gives 8 digits; the last 6 are the 6-digit code.
        for (time, eight) in [
            (59u64, 94287082u32),
            (1111111109, 7081804),
            (1111111111, 14050471),
            (1234567890, 89005924),
            (2000000000, 69279037),
            (20000000000, 65353130),
        ] {
            assert_eq!(
                code_at(RFC_SECRET, time / 30),
                eight % 1_000_000,
                "t={time}"
            );
        }
    }

    #[test]
    fn a_code_counts_once_and_only_within_a_step_of_now() {
        let now = 1111111111; // step 37037037
        let code = code_at(RFC_SECRET, now / 30);
        assert_eq!(verify(RFC_SECRET, code, now, 0), Some(now / 30));
        // Used once: the same step is refused.
        assert_eq!(verify(RFC_SECRET, code, now, now / 30), None);
        // The phone's clock 30 s behind or ahead still works; 60 s does not.
        assert!(verify(RFC_SECRET, code, now + 30, 0).is_some());
        assert!(verify(RFC_SECRET, code, now - 30, 0).is_some());
        assert_eq!(verify(RFC_SECRET, code, now + 61, 0), None);
        assert_eq!(verify(RFC_SECRET, (code + 1) % 1_000_000, now, 0), None);
    }

    #[test]
    fn recovery_codes_are_distinct_and_parse_back() {
        let codes = new_recovery_codes();
        assert_eq!(codes.len(), RECOVERY_CODES);
        let mut hashes: Vec<_> = codes
            .iter()
            .map(|c| {
                let Ok(CodeInput::Recovery(n)) = (SecondFactorCode { code: c.clone() }).parse()
                else {
                    panic!("{c} does not parse")
                };
                recovery_hash(b"key", 7, &n)
            })
            .collect();
        hashes.sort();
        hashes.dedup();
        assert_eq!(hashes.len(), RECOVERY_CODES);
        // Bound to the owner and the key.
        assert_ne!(
            recovery_hash(b"key", 7, "ABCDEFGHJK"),
            recovery_hash(b"key", 8, "ABCDEFGHJK")
        );
        assert_ne!(
            recovery_hash(b"key", 7, "ABCDEFGHJK"),
            recovery_hash(b"other", 7, "ABCDEFGHJK")
        );
    }
}

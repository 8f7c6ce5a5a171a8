//! Staff passwords: the ASVS 5.0 level-2 policy and the KDF.
//!
//! Policy: at least 8 characters, up to 128 (ASVS asks to allow at least 64), no
//! composition rules, not a common password, not the username.
//!
//! KDF: Argon2id, m = 19 MiB, t = 2, p = 1 — OWASP's minimum recommended
//! configuration. The Workers runtime caps WebCrypto PBKDF2 at 100,000 iterations,
//! below ASVS's 600,000 for PBKDF2-SHA256; Argon2id compiled to wasm is memory-hard
//! and fits the Worker's 128 MB. Its measured CPU time per hash is recorded in
//! docs/SECURITY.md (`make bench` re-measures it).

use crate::accounts::password_length;
use crate::lang::Text;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::{Algorithm, Argon2, Params, Version};

pub const M_COST_KIB: u32 = 19 * 1024;
pub const T_COST: u32 = 2;
pub const P_COST: u32 = 1;

const COMMON: &str = include_str!("common_passwords.txt");

fn argon2() -> Argon2<'static> {
    Argon2::new(
        Algorithm::Argon2id,
        Version::V0x13,
        Params::new(M_COST_KIB, T_COST, P_COST, None).expect("valid params"),
    )
}

/// The whole policy. `username` is refused as a password.
pub fn check(password: &str, username: &str) -> Result<(), Text> {
    password_length(password)?;
    if is_common(password) {
        return Err(Text::new(
            "这个密码太常见,很容易被猜到,请换一个(可以用一句好记的话)",
            "This password is too common and easy to guess; choose another (a memorable phrase works well)",
        ));
    }
    if !username.is_empty() && password.trim().eq_ignore_ascii_case(username.trim()) {
        return Err(Text::new(
            "密码不能和用户名相同",
            "The password must not be the username",
        ));
    }
    Ok(())
}

pub fn is_common(password: &str) -> bool {
    let lower = password.trim().to_lowercase();
    COMMON
        .lines()
        .filter(|l| !l.starts_with('#'))
        .any(|l| l == lower)
}

/// A PHC string (`$argon2id$v=19$m=19456,t=2,p=1$salt$hash`).
pub fn hash(password: &str) -> String {
    let salt = SaltString::encode_b64(&super::crypto::random_bytes::<16>()).expect("16-byte salt");
    argon2()
        .hash_password(password.as_bytes(), &salt)
        .expect("argon2 hash")
        .to_string()
}

pub fn verify(password: &str, phc: &str) -> bool {
    match PasswordHash::new(phc) {
        Ok(parsed) => Argon2::default()
            .verify_password(password.as_bytes(), &parsed)
            .is_ok(),
        Err(_) => false,
    }
}

/// Spends the same work as a real verification, so unknown usernames cannot be
/// told apart from wrong passwords by timing.
pub fn verify_dummy(password: &str) {
    const DUMMY: &str = "$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$Dj4mPK/1rSNyrFQ8mHXhpOaLqlQz5bX3NmM1u9PoWJQ";
    let _ = verify(password, DUMMY);
}

/// True when a stored hash used weaker parameters than today's and should be
/// replaced at the next successful sign-in.
pub fn needs_rehash(phc: &str) -> bool {
    let Ok(parsed) = PasswordHash::new(phc) else {
        return true;
    };
    let Ok(params) = Params::try_from(&parsed) else {
        return true;
    };
    parsed.algorithm.as_str() != "argon2id"
        || params.m_cost() < M_COST_KIB
        || params.t_cost() < T_COST
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn policy_follows_asvs() {
        assert!(check("short", "").is_err(), "under 8");
        assert!(check("password", "").is_err(), "common");
        assert!(check("woaini1314", "").is_err(), "common in China");
        assert!(
            check("Yaohai.Admin", "yaohai.admin").is_err(),
            "same as username"
        );
        assert!(
            check("黄山松下一壶清茶", "").is_ok(),
            "8 Chinese characters"
        );
        assert!(check(&"长".repeat(64), "").is_ok(), "64 allowed");
        assert!(check(&"x".repeat(129), "").is_err(), "over 128");
        assert!(
            check("correct horse battery", "").is_ok(),
            "no composition rules"
        );
    }

    #[test]
    fn hash_verifies_and_rejects() {
        let phc = hash("correct horse battery");
        assert!(phc.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"));
        assert!(verify("correct horse battery", &phc));
        assert!(!verify("correct horse batterx", &phc));
        assert!(!verify("anything", "not a phc string"));
        assert!(!needs_rehash(&phc));
        assert!(needs_rehash(
            "$argon2id$v=19$m=4096,t=1,p=1$c29tZXNhbHQ$aGFzaGhhc2hoYXNo"
        ));
    }

    #[test]
    fn dummy_hash_is_well_formed() {
        verify_dummy("x");
        assert!(PasswordHash::new("$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$Dj4mPK/1rSNyrFQ8mHXhpOaLqlQz5bX3NmM1u9PoWJQ").is_ok());
    }
}

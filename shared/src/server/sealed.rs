//! Sealing sensitive personal information (resident ID numbers) at rest:
//! AES-256-GCM with a versioned key from Worker secrets, so keys can rotate
//! (new data uses the current version; old data stays readable), plus a keyed
//! hash (HMAC-SHA256, "blind index") for uniqueness checks without decrypting.
//!
//! Sealed form: `v{version}:{base64(nonce ‖ ciphertext ‖ tag)}`. The caller passes
//! associated data (e.g. `user:42`) that binds the ciphertext to its row.
//! Files (attachments) use the binary form of [`Keyring::seal_bytes`], with the
//! key version in its header and in the row.
//!
//! The blind-index key is versioned too: `ID_HMAC_KEY_V1`, `ID_HMAC_KEY_V2`…,
//! with `ID_HMAC_KEY_CURRENT` naming the one new rows use (the row keeps the
//! version in `id_index_version`). The unversioned `ID_HMAC_KEY` of earlier
//! deployments is version 1 when `ID_HMAC_KEY_V1` is not set. Look-ups compute
//! the index under every version still configured ([`Keyring::blind_indexes`]);
//! the hourly housekeeping moves rows to the current versions of both keys in
//! bounded batches ([`RESEAL_PER_RUN`]).

use super::crypto::{b64, b64_decode, hmac_sha256_hex, random_bytes};
use aes_gcm::aead::{Aead, KeyInit, Payload};
use aes_gcm::{Aes256Gcm, Nonce};

/// Rows the hourly housekeeping re-seals (and re-indexes) at most per run.
pub const RESEAL_PER_RUN: u32 = 200;

/// The highest key version looked for (`ID_KEY_V1` … `ID_KEY_V16`).
const MAX_VERSION: u32 = 16;

/// Bytes of the header of [`Keyring::seal_bytes`] output.
const BYTES_HEADER: usize = 4;

/// What sealing adds to a file: header, nonce and tag.
pub const SEALED_BYTES_OVERHEAD: usize = BYTES_HEADER + 12 + 16;

/// The key version of [`Keyring::seal_bytes`] output; `None` for anything else.
pub fn sealed_bytes_version(sealed: &[u8]) -> Option<u32> {
    match sealed {
        [b'g', b'y', 1, version, ..] if *version > 0 => Some(u32::from(*version)),
        _ => None,
    }
}

#[derive(Clone)]
pub struct Keyring {
    current: u32,
    keys: Vec<(u32, [u8; 32])>,
    index_current: u32,
    index_keys: Vec<(u32, Vec<u8>)>,
}

impl std::fmt::Debug for Keyring {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Keyring")
            .field("current", &self.current)
            .field(
                "versions",
                &self.keys.iter().map(|k| k.0).collect::<Vec<_>>(),
            )
            .field("index_current", &self.index_current)
            .field(
                "index_versions",
                &self.index_keys.iter().map(|k| k.0).collect::<Vec<_>>(),
            )
            .finish()
    }
}

#[derive(Debug, PartialEq, Eq)]
pub enum KeyringError {
    MissingCurrent(u32),
    BadKey(u32),
    /// No blind-index key of the current index version (`ID_HMAC_KEY_V{n}`).
    MissingIndexKey(u32),
}

impl std::fmt::Display for KeyringError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            KeyringError::MissingCurrent(v) => {
                write!(f, "ID_KEY_V{v} (the current key) is not set")
            }
            KeyringError::BadKey(v) => write!(f, "ID_KEY_V{v} is not 32 bytes of base64"),
            KeyringError::MissingIndexKey(v) => write!(
                f,
                "ID_HMAC_KEY_V{v} (the current blind-index key) is not set{}",
                if *v == 1 { ", nor ID_HMAC_KEY" } else { "" }
            ),
        }
    }
}

impl Keyring {
    /// Builds the keyring from a lookup of secrets: `ID_KEY_CURRENT` names the
    /// version for new data; `ID_KEY_V1`, `ID_KEY_V2`… hold base64 32-byte keys.
    /// `ID_HMAC_KEY_CURRENT` and `ID_HMAC_KEY_V1`, `ID_HMAC_KEY_V2`… are the
    /// blind-index keys (any text); `ID_HMAC_KEY` stands for `ID_HMAC_KEY_V1`
    /// when that is not set. Both currents default to 1.
    pub fn from_secrets(get: impl Fn(&str) -> Option<String>) -> Result<Keyring, KeyringError> {
        let version_of = |name: &str| get(name).and_then(|v| v.trim().parse().ok()).unwrap_or(1);
        let current = version_of("ID_KEY_CURRENT");
        let mut keys = Vec::new();
        for version in 1..=MAX_VERSION {
            if let Some(text) = get(&format!("ID_KEY_V{version}")) {
                let bytes = b64_decode(&text).ok_or(KeyringError::BadKey(version))?;
                let key: [u8; 32] = bytes
                    .try_into()
                    .map_err(|_| KeyringError::BadKey(version))?;
                keys.push((version, key));
            }
        }
        if !keys.iter().any(|(v, _)| *v == current) {
            return Err(KeyringError::MissingCurrent(current));
        }
        let index_current = version_of("ID_HMAC_KEY_CURRENT");
        let index_keys: Vec<(u32, Vec<u8>)> = (1..=MAX_VERSION)
            .filter_map(|version| {
                get(&format!("ID_HMAC_KEY_V{version}"))
                    .or_else(|| (version == 1).then(|| get("ID_HMAC_KEY")).flatten())
                    .map(|key| (version, key.into_bytes()))
            })
            .collect();
        if !index_keys.iter().any(|(v, _)| *v == index_current) {
            return Err(KeyringError::MissingIndexKey(index_current));
        }
        Ok(Keyring {
            current,
            keys,
            index_current,
            index_keys,
        })
    }

    /// The key version new data is sealed under.
    pub fn current_version(&self) -> u32 {
        self.current
    }

    fn cipher(&self, version: u32) -> Option<Aes256Gcm> {
        let (_, key) = self.keys.iter().find(|(v, _)| *v == version)?;
        Aes256Gcm::new_from_slice(key).ok()
    }

    pub fn seal(&self, plaintext: &str, aad: &str) -> String {
        let nonce = random_bytes::<12>();
        let cipher = self.cipher(self.current).expect("current key present");
        let ct = cipher
            .encrypt(
                Nonce::from_slice(&nonce),
                Payload {
                    msg: plaintext.as_bytes(),
                    aad: aad.as_bytes(),
                },
            )
            .expect("AES-GCM encrypt");
        let mut out = nonce.to_vec();
        out.extend(ct);
        format!("v{}:{}", self.current, b64(&out))
    }

    /// `None` when the data was tampered with, bound to other `aad`, or its key is gone.
    pub fn open(&self, sealed: &str, aad: &str) -> Option<String> {
        let (version, body) = sealed.strip_prefix('v')?.split_once(':')?;
        let cipher = self.cipher(version.parse().ok()?)?;
        let bytes = b64_decode(body)?;
        if bytes.len() < 12 + 16 {
            return None;
        }
        let (nonce, ct) = bytes.split_at(12);
        let pt = cipher
            .decrypt(
                Nonce::from_slice(nonce),
                Payload {
                    msg: ct,
                    aad: aad.as_bytes(),
                },
            )
            .ok()?;
        String::from_utf8(pt).ok()
    }

    /// Seals bytes (an uploaded file) under the current key. The result is
    /// binary, for object storage: `[b'g', b'y', 1, version] ‖ nonce ‖ ciphertext ‖ tag`.
    /// The key version is also in the header, so a re-sealing pass (like
    /// `worker/src/accounts/rotation.rs`) can find and move old objects;
    /// callers keep it in their row too ([`sealed_bytes_version`]).
    pub fn seal_bytes(&self, plaintext: &[u8], aad: &str) -> Vec<u8> {
        let nonce = random_bytes::<12>();
        let cipher = self.cipher(self.current).expect("current key present");
        let ct = cipher
            .encrypt(
                Nonce::from_slice(&nonce),
                Payload {
                    msg: plaintext,
                    aad: aad.as_bytes(),
                },
            )
            .expect("AES-GCM encrypt");
        let mut out = Vec::with_capacity(BYTES_HEADER + 12 + ct.len());
        out.extend_from_slice(&[b'g', b'y', 1, self.current as u8]);
        out.extend_from_slice(&nonce);
        out.extend(ct);
        out
    }

    /// The plaintext of [`Keyring::seal_bytes`]; `None` when tampered with,
    /// bound to other `aad`, not sealed bytes, or its key is gone.
    pub fn open_bytes(&self, sealed: &[u8], aad: &str) -> Option<Vec<u8>> {
        let version = sealed_bytes_version(sealed)?;
        let body = &sealed[BYTES_HEADER..];
        if body.len() < 12 + 16 {
            return None;
        }
        let (nonce, ct) = body.split_at(12);
        self.cipher(version)?
            .decrypt(
                Nonce::from_slice(nonce),
                Payload {
                    msg: ct,
                    aad: aad.as_bytes(),
                },
            )
            .ok()
    }

    /// Whether a sealed value uses an older key (re-seal it when convenient).
    pub fn is_stale(&self, sealed: &str) -> bool {
        !sealed.starts_with(&format!("v{}:", self.current))
    }

    /// The blind-index version new rows use (stored as `id_index_version`).
    pub fn index_version(&self) -> u32 {
        self.index_current
    }

    /// Keyed hash of a normalised value under the current index key, for
    /// `UNIQUE` checks and look-ups.
    pub fn blind_index(&self, purpose: &str, value: &str) -> String {
        self.blind_index_under(self.index_current, purpose, value)
            .expect("current index key present")
    }

    /// The same under one index version; `None` when that key is not configured.
    pub fn blind_index_under(&self, version: u32, purpose: &str, value: &str) -> Option<String> {
        let (_, key) = self.index_keys.iter().find(|(v, _)| *v == version)?;
        Some(hmac_sha256_hex(
            key,
            format!("{purpose}:{value}").as_bytes(),
        ))
    }

    /// The index under every configured version, the current one first: a
    /// look-up matches rows not yet moved to the current key.
    pub fn blind_indexes(&self, purpose: &str, value: &str) -> Vec<(u32, String)> {
        let mut versions: Vec<u32> = self.index_keys.iter().map(|(v, _)| *v).collect();
        versions.sort_by_key(|v| (*v != self.index_current, *v));
        versions
            .into_iter()
            .filter_map(|v| Some((v, self.blind_index_under(v, purpose, value)?)))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn ring(current: &str, keys: &[(&str, [u8; 32])]) -> Keyring {
        let mut env: HashMap<String, String> =
            keys.iter().map(|(n, k)| (n.to_string(), b64(k))).collect();
        env.insert("ID_KEY_CURRENT".into(), current.into());
        env.insert("ID_HMAC_KEY".into(), "index-key".into());
        Keyring::from_secrets(|name| env.get(name).cloned()).unwrap()
    }

    #[test]
    fn seals_and_opens_without_leaking_plaintext() {
        let r = ring("1", &[("ID_KEY_V1", [7; 32])]);
        let sealed = r.seal("11010519491231002X", "user:1");
        assert!(sealed.starts_with("v1:"));
        assert!(!sealed.contains("11010519491231002X"));
        assert_ne!(
            sealed,
            r.seal("11010519491231002X", "user:1"),
            "fresh nonce each time"
        );
        assert_eq!(
            r.open(&sealed, "user:1").as_deref(),
            Some("11010519491231002X")
        );
        assert_eq!(r.open(&sealed, "user:2"), None, "bound to its row");
        let mut tampered = sealed.clone();
        tampered.pop();
        tampered.push(if sealed.ends_with('A') { 'B' } else { 'A' });
        assert_eq!(r.open(&tampered, "user:1"), None);
    }

    #[test]
    fn rotation_keeps_old_data_readable() {
        let old = ring("1", &[("ID_KEY_V1", [1; 32])]);
        let sealed_v1 = old.seal("x", "a");
        let new = ring("2", &[("ID_KEY_V1", [1; 32]), ("ID_KEY_V2", [2; 32])]);
        assert_eq!(new.open(&sealed_v1, "a").as_deref(), Some("x"));
        assert!(new.is_stale(&sealed_v1));
        let sealed_v2 = new.seal("x", "a");
        assert!(sealed_v2.starts_with("v2:"));
        assert!(!new.is_stale(&sealed_v2));
        assert_eq!(old.open(&sealed_v2, "a"), None);
    }

    #[test]
    fn bytes_seal_and_open_without_leaking_plaintext() {
        let r = ring("1", &[("ID_KEY_V1", [7; 32])]);
        let file = b"%PDF-1.4 discharge summary of patient 11010519491231002X".to_vec();
        let sealed = r.seal_bytes(&file, "attachment:abc");
        assert_eq!(sealed.len(), file.len() + SEALED_BYTES_OVERHEAD);
        assert_eq!(sealed_bytes_version(&sealed), Some(1));
        assert!(!sealed.windows(5).any(|w| w == b"%PDF-"));
        assert!(!sealed.windows(18).any(|w| w == b"11010519491231002X"));
        assert_ne!(sealed, r.seal_bytes(&file, "attachment:abc"), "fresh nonce");
        assert_eq!(r.open_bytes(&sealed, "attachment:abc"), Some(file.clone()));
        assert_eq!(
            r.open_bytes(&sealed, "attachment:abd"),
            None,
            "bound to its id"
        );
        let mut tampered = sealed.clone();
        let last = tampered.len() - 1;
        tampered[last] ^= 1;
        assert_eq!(r.open_bytes(&tampered, "attachment:abc"), None);
        assert_eq!(r.open_bytes(&sealed[..20], "attachment:abc"), None);
        assert_eq!(r.open_bytes(b"plain bytes, never sealed", "x"), None);
        assert_eq!(sealed_bytes_version(b"gy"), None);
        // An empty file seals too (the upload rules refuse it before).
        let empty = r.seal_bytes(b"", "a");
        assert_eq!(r.open_bytes(&empty, "a"), Some(Vec::new()));
    }

    #[test]
    fn sealed_bytes_keep_their_key_version_through_rotation() {
        let old = ring("1", &[("ID_KEY_V1", [1; 32])]);
        let v1 = old.seal_bytes(b"\xFF\xD8\xFF photo", "attachment:x");
        let new = ring("2", &[("ID_KEY_V1", [1; 32]), ("ID_KEY_V2", [2; 32])]);
        assert_eq!(
            new.open_bytes(&v1, "attachment:x").as_deref(),
            Some(&b"\xFF\xD8\xFF photo"[..])
        );
        let v2 = new.seal_bytes(b"x", "attachment:x");
        assert_eq!(sealed_bytes_version(&v2), Some(2));
        assert_eq!(old.open_bytes(&v2, "attachment:x"), None);
    }

    #[test]
    fn blind_index_is_stable_and_keyed() {
        let r = ring("1", &[("ID_KEY_V1", [1; 32])]);
        assert_eq!(r.blind_index("id", "X"), r.blind_index("id", "X"));
        assert_ne!(r.blind_index("id", "X"), r.blind_index("id", "Y"));
        assert_ne!(r.blind_index("id", "X"), r.blind_index("phone", "X"));
    }

    #[test]
    fn missing_keys_are_reported() {
        let err = Keyring::from_secrets(|n| (n == "ID_KEY_CURRENT").then(|| "3".to_string()))
            .unwrap_err();
        assert_eq!(err, KeyringError::MissingCurrent(3));
        let key = b64(&[1; 32]);
        let no_index = Keyring::from_secrets(|n| (n == "ID_KEY_V1").then(|| key.clone()));
        assert_eq!(no_index.unwrap_err(), KeyringError::MissingIndexKey(1));
        let env: HashMap<&str, String> = [
            ("ID_KEY_V1", key.clone()),
            ("ID_HMAC_KEY_V1", "one".into()),
            ("ID_HMAC_KEY_CURRENT", "2".into()),
        ]
        .into();
        let err = Keyring::from_secrets(|n| env.get(n).cloned()).unwrap_err();
        assert_eq!(err, KeyringError::MissingIndexKey(2));
    }

    #[test]
    fn the_blind_index_key_is_versioned_and_the_old_name_is_version_1() {
        let key = b64(&[1; 32]);
        let legacy: HashMap<&str, String> =
            [("ID_KEY_V1", key.clone()), ("ID_HMAC_KEY", "old".into())].into();
        let old = Keyring::from_secrets(|n| legacy.get(n).cloned()).unwrap();
        assert_eq!(old.index_version(), 1);
        let rotated: HashMap<&str, String> = [
            ("ID_KEY_V1", key),
            ("ID_HMAC_KEY", "old".into()),
            ("ID_HMAC_KEY_V2", "new".into()),
            ("ID_HMAC_KEY_CURRENT", "2".into()),
        ]
        .into();
        let new = Keyring::from_secrets(|n| rotated.get(n).cloned()).unwrap();
        assert_eq!(new.index_version(), 2);
        let v1 = old.blind_index("id_number", "X");
        assert_eq!(new.blind_index_under(1, "id_number", "X"), Some(v1.clone()));
        assert_ne!(new.blind_index("id_number", "X"), v1);
        let all = new.blind_indexes("id_number", "X");
        assert_eq!(all.iter().map(|(v, _)| *v).collect::<Vec<_>>(), [2, 1]);
        assert_eq!(all[1].1, v1);
        assert_eq!(new.blind_index_under(3, "id_number", "X"), None);
    }
}

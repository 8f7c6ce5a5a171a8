//! Key rotation of the staff second factor: TOTP secrets are sealed with the
//! ID-number keyring, so the hourly housekeeping moves confirmed secrets under
//! an older `ID_KEY_V{n}` to the current key, at most [`RESEAL_PER_RUN`] a run
//! (ID numbers themselves: `membership::rotation`). A secret still being set up
//! is left alone: its confirmation names the sealed text it was given.

use super::store;
use crate::error::AppResult;
use shared::server::sealed::{Keyring, RESEAL_PER_RUN};
use worker::D1Database;

/// Re-seals up to [`RESEAL_PER_RUN`] secrets; answers how many moved.
pub async fn rotate(db: &D1Database, ring: &Keyring) -> AppResult<u32> {
    let prefix = format!("v{}:", ring.current_version());
    let mut moved = 0;
    for row in store::stale_second_factors(db, &prefix, RESEAL_PER_RUN).await? {
        let aad = super::second_factor_aad(row.staff_id);
        let Some(plain) = ring.open(&row.secret_sealed, &aad) else {
            worker::console_error!("staff {}: TOTP secret does not open", row.staff_id);
            continue;
        };
        let new = ring.seal(&plain, &aad);
        if store::reseal_second_factor(db, row.staff_id, &row.secret_sealed, &new).await? {
            moved += 1;
        }
    }
    Ok(moved)
}

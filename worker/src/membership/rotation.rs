//! Key rotation of sealed ID numbers, run by the hourly housekeeping: rows
//! sealed under an older `ID_KEY_V{n}`, or indexed under an older
//! `ID_HMAC_KEY_V{n}`, are moved to the current versions, at most
//! [`RESEAL_PER_RUN`] rows a run, so one run stays short however many rows an
//! old key still holds. Once no row is left under an old version, its key can
//! be removed from the secrets.

use super::store::{self, SealedTable};
use crate::db;
use crate::error::AppResult;
use shared::server::sealed::{Keyring, RESEAL_PER_RUN};
use worker::D1Database;

/// What one run moved.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Rotated {
    pub resealed: u32,
    pub reindexed: u32,
}

/// Moves up to [`RESEAL_PER_RUN`] rows to the current keys. A row that does
/// not open (its key is gone) is logged and left as it is; a row that changed
/// meanwhile is left for the next run.
pub async fn rotate(db: &D1Database, ring: &Keyring) -> AppResult<Rotated> {
    let prefix = format!("v{}:", ring.current_version());
    let version = ring.index_version();
    let mut budget = RESEAL_PER_RUN;
    let mut done = Rotated::default();
    for table in SealedTable::ALL {
        if budget == 0 {
            break;
        }
        let rows = store::stale_sealed(db, table, &prefix, version, budget).await?;
        budget -= rows.len() as u32;
        for row in rows {
            let aad = format!("user:{}", row.user_id);
            let Some(plain) = ring.open(&row.id_number_sealed, &aad) else {
                worker::console_error!("{table:?} {}: sealed ID number does not open", row.id);
                continue;
            };
            let mut statements = Vec::new();
            let resealed = ring.is_stale(&row.id_number_sealed);
            if resealed {
                let new = ring.seal(&plain, &aad);
                statements.push(store::reseal(
                    db,
                    table,
                    row.id,
                    &row.id_number_sealed,
                    &new,
                )?);
            }
            let reindexed = row.id_index_version != i64::from(version);
            if reindexed {
                let index = ring.blind_index("id_number", &plain);
                match &row.id_number_index {
                    Some(old) => statements.extend(store::reindex_person(
                        db,
                        row.id_index_version as u32,
                        old,
                        version,
                        &index,
                    )?),
                    None => statements.push(store::index_row(db, table, row.id, version, &index)?),
                }
            }
            if statements.is_empty() {
                continue;
            }
            match db::batch(db, statements).await {
                Ok(_) => {
                    done.resealed += u32::from(resealed);
                    done.reindexed += u32::from(reindexed);
                }
                Err(e) => worker::console_error!("{table:?} {}: not re-sealed: {e:?}", row.id),
            }
        }
    }
    Ok(done)
}

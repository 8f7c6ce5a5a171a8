//! Installable-app plumbing: registers the service worker, notices when a new
//! version is waiting (the update banner), and tracks whether we are online.

use leptos::prelude::*;
use wasm_bindgen::{closure::Closure, JsCast};
use web_sys::{ServiceWorker, ServiceWorkerRegistration, ServiceWorkerState};

#[derive(Clone, Copy)]
pub struct Pwa {
    pub online: RwSignal<bool>,
    /// A new version is installed and waiting; `apply_update` switches to it.
    pub update_ready: RwSignal<bool>,
    waiting: StoredValue<Option<ServiceWorker>, LocalStorage>,
}

pub fn provide() {
    let online = RwSignal::new(window().navigator().on_line());
    let _ = window_event_listener(leptos::ev::online, move |_| online.set(true));
    let _ = window_event_listener(leptos::ev::offline, move |_| online.set(false));
    let pwa = Pwa {
        online,
        update_ready: RwSignal::new(false),
        waiting: StoredValue::new_local(None),
    };
    provide_context(pwa);
    register_service_worker(pwa);
}

pub fn use_pwa() -> Pwa {
    expect_context::<Pwa>()
}

impl Pwa {
    pub fn apply_update(&self) {
        if let Some(sw) = self.waiting.get_value() {
            let msg = js_sys::Object::new();
            let _ = js_sys::Reflect::set(&msg, &"type".into(), &"SKIP_WAITING".into());
            let _ = sw.post_message(&msg);
        } else {
            let _ = window().location().reload();
        }
    }

    fn offer(&self, sw: ServiceWorker) {
        self.waiting.set_value(Some(sw));
        self.update_ready.set(true);
    }
}

/// Registers `/sw.js` and wires the update flow to `pwa`.
fn register_service_worker(pwa: Pwa) {
    let container = window().navigator().service_worker();
    let had_controller = container.controller().is_some();
    // When the new version takes over, load it — but not on the very first install.
    let reload = Closure::<dyn FnMut()>::new(move || {
        if had_controller {
            let _ = window().location().reload();
        }
    });
    container.set_oncontrollerchange(Some(reload.as_ref().unchecked_ref()));
    reload.forget();

    let promise = container.register("/sw.js");
    leptos::task::spawn_local(async move {
        let Ok(reg) = wasm_bindgen_futures::JsFuture::from(promise).await else {
            return;
        };
        let reg: ServiceWorkerRegistration = reg.unchecked_into();
        if let (Some(waiting), true) = (reg.waiting(), had_controller) {
            pwa.offer(waiting);
        }
        let reg2 = reg.clone();
        let on_update = Closure::<dyn FnMut()>::new(move || {
            let Some(installing) = reg2.installing() else {
                return;
            };
            let sw = installing.clone();
            let on_state = Closure::<dyn FnMut()>::new(move || {
                let has_controller = window().navigator().service_worker().controller().is_some();
                if sw.state() == ServiceWorkerState::Installed && has_controller {
                    pwa.offer(sw.clone());
                }
            });
            installing.set_onstatechange(Some(on_state.as_ref().unchecked_ref()));
            on_state.forget();
        });
        reg.set_onupdatefound(Some(on_update.as_ref().unchecked_ref()));
        on_update.forget();
        // Look for a new version now; browsers also check on each navigation.
        let _ = reg.update();
    });
}

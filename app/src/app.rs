//! Routes of the home bundle (the first load): the station finder, station
//! pages and check-in. Sign-in and 我的 are the `account` bundle.

use crate::components::layout::WorkerLayout;
use crate::{i18n, outbox, pwa, stations};
use leptos::prelude::*;
use leptos_router::components::{ParentRoute, Route, Router, Routes};
use leptos_router::path;

#[component]
pub fn App() -> impl IntoView {
    i18n::provide();
    pwa::provide();
    outbox::provide();
    view! {
        <Router>
            <Routes fallback=|| view! { <crate::components::status::NotFound/> }>
                <ParentRoute path=path!("") view=WorkerLayout>
                    <Route path=path!("") view=stations::Finder/>
                    <Route path=path!("stations/:id") view=stations::Detail/>
                    <Route path=path!("stations/:id/checkin") view=stations::Checkin/>
                </ParentRoute>
            </Routes>
        </Router>
    }
}

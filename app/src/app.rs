use crate::components::layout::WorkerLayout;
use crate::{home, i18n, me, pwa};
use leptos::prelude::*;
use leptos_router::components::{ParentRoute, Route, Router, Routes};
use leptos_router::path;

#[component]
pub fn App() -> impl IntoView {
    i18n::provide();
    pwa::provide();
    view! {
        <Router>
            <Routes fallback=|| view! { <crate::components::status::NotFound/> }>
                <ParentRoute path=path!("") view=WorkerLayout>
                    <Route path=path!("") view=home::Home/>
                    <Route path=path!("me") view=me::Me/>
                </ParentRoute>
            </Routes>
        </Router>
    }
}

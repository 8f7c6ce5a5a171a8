use crate::components::layout::WorkerLayout;
use crate::{accounts, admin, auth, home, i18n, outbox, pwa};
use leptos::prelude::*;
use leptos_router::components::{ParentRoute, Route, Router, Routes};
use leptos_router::path;

#[component]
pub fn App() -> impl IntoView {
    i18n::provide();
    pwa::provide();
    auth::provide();
    outbox::provide();
    view! {
        <Router>
            <Routes fallback=|| view! { <crate::components::status::NotFound/> }>
                <Route path=path!("/admin/login") view=admin::Login/>
                <ParentRoute path=path!("/admin") view=admin::AdminLayout>
                    <Route path=path!("") view=admin::Home/>
                    <Route path=path!("unions") view=admin::Unions/>
                    <Route path=path!("staff") view=admin::StaffPage/>
                    <Route path=path!("audit") view=admin::Audit/>
                </ParentRoute>
                <ParentRoute path=path!("") view=WorkerLayout>
                    <Route path=path!("") view=home::Home/>
                    <Route path=path!("login") view=accounts::Login/>
                    <Route path=path!("me") view=accounts::Me/>
                </ParentRoute>
            </Routes>
        </Router>
    }
}

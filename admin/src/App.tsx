/**
 * The merchant console. Which resources appear, and what may be done with
 * them, follows the signed-in staff member's role.
 */
import { useMemo } from "react";
import { Admin, CustomRoutes, NotFound, Resource, type ResourceProps } from "react-admin";
import { Route } from "react-router-dom";
import { RESOURCES as DECLARED, type ResourceName } from "../../graphql/resources";
import apiKeys from "./apiKeys";
import campaigns from "./campaigns";
import couponTemplates from "./couponTemplates";
import { Home } from "./dashboard";
import { createAuthProvider } from "./auth/authProvider";
import { LoginPage } from "./auth/LoginPage";
import type { Permissions } from "./auth/permissions";
import { lazyNamed } from "./common/lazyNamed";
import type { RuntimeConfig } from "./config";
import { createDataProvider } from "./dataProvider";
import { i18nProvider } from "./i18n";
import { AppLayout } from "./layout/AppLayout";
import members from "./members";
import products from "./products";
import { createQueryClient } from "./queryClient";
import rewards from "./rewards";
import segments from "./segments";
import staff from "./staff";
import stores from "./stores";
import topUpPlans from "./topUpPlans";
import { WebhookCreatePage, WebhookEndpointPage, WebhookListPage } from "./webhooks";

// Pages for owners and managers, loaded when first opened.
const CheckoutSettingsPage = lazyNamed(() => import("./checkout/CheckoutSettingsPage"), "CheckoutSettingsPage");
const LiabilityPage = lazyNamed(() => import("./checkout/LiabilityPage"), "LiabilityPage");
const ReferralsPage = lazyNamed(() => import("./checkout/ReferralsPage"), "ReferralsPage");
const ImportPage = lazyNamed(() => import("./import/ImportPage"), "ImportPage");
const AutomationsPage = lazyNamed(() => import("./automations/AutomationsPage"), "AutomationsPage");
const LoyaltyPage = lazyNamed(() => import("./loyalty/LoyaltyPage"), "LoyaltyPage");
const SmsMessagesPage = lazyNamed(() => import("./messages/SmsMessagesPage"), "SmsMessagesPage");
const SettingsPage = lazyNamed(() => import("./settings/SettingsPage"), "SettingsPage");
// The guide worklist: every role opens it, none lands on it.
const WorklistPage = lazyNamed(() => import("./worklist/WorklistPage"), "WorklistPage");

/** The screens of each declared resource (graphql/resources); its editors see them. */
const SCREENS: Record<ResourceName, Omit<ResourceProps, "name">> = { products };

/** A resource the role may not open answers its addresses with "not found" rather than a blank page. */
const notFound = <Route path="*" element={<NotFound />} />;

/** The resources for one role; a resource without list stays out of the menu but keeps its name. */
function resourcesFor(permissions: Permissions | undefined) {
  const role = permissions?.role;
  const owner = role === "owner";
  const manager = role === "manager";
  return [
    ...peopleResources(owner, manager),
    ...loyaltyResources(owner, manager),
    ...marketingResources(owner, manager),
    ...pageResources(owner, manager),
    ...DECLARED.map(({ name, editors }) =>
      role && editors.includes(role) ? <Resource key={name} name={name} {...SCREENS[name]} /> : null,
    ),
    owner ? (
      <CustomRoutes key="settings">
        <Route path="/settings" element={<SettingsPage />} />
      </CustomRoutes>
    ) : null,
  ];
}

/** Members, stores, staff, API keys and webhooks (事件推送). */
function peopleResources(owner: boolean, manager: boolean) {
  return [
    <Resource key="members" name="members" {...members} />,
    <Resource
      key="stores"
      name="stores"
      recordRepresentation={stores.recordRepresentation}
      icon={stores.icon}
      list={owner || manager ? stores.list : undefined}
      edit={owner || manager ? stores.edit : undefined}
      create={owner ? stores.create : undefined}
    >
      {owner || manager ? null : notFound}
    </Resource>,
    owner || manager ? (
      <Resource key="staff" name="staff" {...staff} />
    ) : (
      <Resource key="staff" name="staff" recordRepresentation={staff.recordRepresentation}>
        {notFound}
      </Resource>
    ),
    owner ? <Resource key="apiKeys" name="apiKeys" {...apiKeys} /> : null,
    // Webhooks, like API keys, are the owner's: for anyone else their addresses are not found.
    owner ? (
      <CustomRoutes key="webhooks">
        <Route path="/webhooks" element={<WebhookListPage />} />
        <Route path="/webhooks/create" element={<WebhookCreatePage />} />
        <Route path="/webhooks/:id" element={<WebhookEndpointPage />} />
      </CustomRoutes>
    ) : null,
  ];
}

/** Rewards, coupons, top-up plans, and the checkout's reports and settings. */
function loyaltyResources(owner: boolean, manager: boolean) {
  return [
    owner || manager ? (
      <Resource
        key="rewards"
        name="rewards"
        list={rewards.list}
        create={owner ? rewards.create : undefined}
        edit={owner ? rewards.edit : undefined}
        icon={rewards.icon}
        recordRepresentation={rewards.recordRepresentation}
      />
    ) : null,
    // Coupons: owners edit, managers list and issue; top-up plans: owners.
    owner || manager ? (
      <Resource
        key="couponTemplates"
        name="couponTemplates"
        list={couponTemplates.list}
        create={owner ? couponTemplates.create : undefined}
        edit={owner ? couponTemplates.edit : undefined}
        icon={couponTemplates.icon}
        recordRepresentation={couponTemplates.recordRepresentation}
      />
    ) : null,
    owner ? <Resource key="topUpPlans" name="topUpPlans" {...topUpPlans} /> : null,
    owner || manager ? (
      <CustomRoutes key="checkout-reports">
        <Route path="/referrals" element={<ReferralsPage />} />
        <Route path="/stored-value-liability" element={<LiabilityPage />} />
      </CustomRoutes>
    ) : null,
    owner ? (
      <CustomRoutes key="checkout-settings">
        <Route path="/checkout-settings" element={<CheckoutSettingsPage />} />
      </CustomRoutes>
    ) : null,
  ];
}

/** Segments, campaigns, automations and SMS messages. */
function marketingResources(owner: boolean, manager: boolean) {
  return [
    // Marketing: owners and managers build segments; owners change campaigns and automations, managers read them.
    owner || manager ? <Resource key="segments" name="segments" {...segments} /> : null,
    owner || manager ? (
      <Resource
        key="campaigns"
        name="campaigns"
        list={campaigns.list}
        show={campaigns.show}
        create={owner ? campaigns.create : undefined}
        edit={owner ? campaigns.edit : undefined}
        icon={campaigns.icon}
        recordRepresentation={campaigns.recordRepresentation}
      />
    ) : null,
    owner || manager ? (
      <CustomRoutes key="marketing">
        <Route path="/automations" element={<AutomationsPage />} />
        <Route path="/sms-messages" element={<SmsMessagesPage />} />
      </CustomRoutes>
    ) : null,
  ];
}

/** The merchant (no screens of its own), the worklist, member import and the loyalty rules. */
function pageResources(owner: boolean, manager: boolean) {
  return [
    <Resource key="merchant" name="merchant">
      {notFound}
    </Resource>,
    // The guide worklist: every role (clerks see their own members; managers and owners pick a guide).
    <CustomRoutes key="worklist">
      <Route path="/worklist" element={<WorklistPage />} />
    </CustomRoutes>,
    owner || manager ? (
      <CustomRoutes key="import">
        <Route path="/import" element={<ImportPage />} />
      </CustomRoutes>
    ) : null,
    // Managers read the rules; only owners may save them.
    owner || manager ? (
      <CustomRoutes key="loyalty">
        <Route path="/loyalty" element={<LoyaltyPage />} />
      </CustomRoutes>
    ) : null,
  ];
}

export function App({ config }: { config: RuntimeConfig }) {
  const dataProvider = useMemo(() => createDataProvider(config.graphqlUrl), [config.graphqlUrl]);
  const authProvider = useMemo(
    () => createAuthProvider(config.auth, config.graphqlUrl),
    [config.auth, config.graphqlUrl],
  );
  const queryClient = useMemo(createQueryClient, []);
  return (
    // No requireAuth: with role-dependent (function) children it makes react-admin 5.15
    // loop between the sign-in page and logout for ~10 s; each page checks auth itself.
    <Admin
      disableTelemetry
      title="Regulars"
      dataProvider={dataProvider}
      authProvider={authProvider}
      i18nProvider={i18nProvider}
      queryClient={queryClient}
      layout={AppLayout}
      loginPage={LoginPage}
      dashboard={Home}
    >
      {(permissions: Permissions) => resourcesFor(permissions)}
    </Admin>
  );
}

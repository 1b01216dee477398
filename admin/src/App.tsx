/**
 * The merchant console. Which resources appear, and what may be done with
 * them, follows the signed-in staff member's role.
 */
import { useMemo } from "react";
import { Admin, CustomRoutes, Resource } from "react-admin";
import { Route } from "react-router-dom";
import apiKeys from "./apiKeys";
import { createAuthProvider } from "./auth/authProvider";
import type { Permissions } from "./auth/permissions";
import type { RuntimeConfig } from "./config";
import { createDataProvider } from "./dataProvider";
import { i18nProvider } from "./i18n";
import { ImportPage } from "./import/ImportPage";
import { AppLayout } from "./layout/AppLayout";
import members from "./members";
import { LoyaltyPage } from "./loyalty/LoyaltyPage";
import { createQueryClient } from "./queryClient";
import rewards from "./rewards";
import { SettingsPage } from "./settings/SettingsPage";
import staff from "./staff";
import stores from "./stores";

/** The resources for one role; a resource without list stays out of the menu but keeps its name. */
function resourcesFor(permissions: Permissions | undefined) {
  const role = permissions?.role;
  const owner = role === "owner";
  const manager = role === "manager";
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
    />,
    owner || manager ? <Resource key="staff" name="staff" {...staff} /> : <Resource key="staff" name="staff" recordRepresentation={staff.recordRepresentation} />,
    owner ? <Resource key="apiKeys" name="apiKeys" {...apiKeys} /> : null,
    owner || manager ? (
      <Resource key="rewards" name="rewards" list={rewards.list} create={owner ? rewards.create : undefined} edit={owner ? rewards.edit : undefined} icon={rewards.icon} recordRepresentation={rewards.recordRepresentation} />
    ) : null,
    <Resource key="merchant" name="merchant" />,
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
    owner ? (
      <CustomRoutes key="settings">
        <Route path="/settings" element={<SettingsPage />} />
      </CustomRoutes>
    ) : null,
  ];
}

export function App({ config }: { config: RuntimeConfig }) {
  const dataProvider = useMemo(() => createDataProvider(config.graphqlUrl), [config.graphqlUrl]);
  const authProvider = useMemo(() => createAuthProvider(config.auth, config.graphqlUrl), [config.auth, config.graphqlUrl]);
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
    >
      {(permissions: Permissions) => resourcesFor(permissions)}
    </Admin>
  );
}

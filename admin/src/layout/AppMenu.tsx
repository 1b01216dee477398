/**
 * The menu, in four groups: 客户 (members, segments, the worklist, member import), 营销 (campaigns, coupons,
 * rewards, automations, referrals, the SMS outbox), 数据 (the dashboard, the liability report) and 设置 (stores,
 * staff, API keys, webhooks, products, top-up plans, loyalty rules, checkout settings, the merchant's settings).
 * A resource shows when the role's App registered it with a list; the pages follow the same role rules as their
 * routes (owners and managers; checkout settings and Settings for owners only). A group with nothing shows no heading.
 */
import AccountBalanceIcon from "@mui/icons-material/AccountBalance";
import AssignmentIndIcon from "@mui/icons-material/AssignmentInd";
import AutoModeIcon from "@mui/icons-material/AutoMode";
import DashboardIcon from "@mui/icons-material/Dashboard";
import GroupAddIcon from "@mui/icons-material/GroupAdd";
import LoyaltyIcon from "@mui/icons-material/Loyalty";
import PaymentsIcon from "@mui/icons-material/Payments";
import SettingsIcon from "@mui/icons-material/Settings";
import SmsIcon from "@mui/icons-material/Sms";
import UploadFileIcon from "@mui/icons-material/UploadFile";
import WebhookIcon from "@mui/icons-material/Webhook";
import { Divider, ListSubheader } from "@mui/material";
import type { ReactElement } from "react";
import { Menu, useResourceDefinitions, usePermissions, useSidebarState, useTranslate } from "react-admin";
import type { Permissions, Role } from "../auth/permissions";

type GroupName = "customers" | "marketing" | "reports" | "settings";

/** A menu entry: a resource (shown when registered with a list) or a page (shown to its roles, or to everyone). */
type Entry =
  { resource: string } | { to: string; label: string; icon: ReactElement; roles?: readonly Role[]; testId?: string };

const MANAGING: readonly Role[] = ["owner", "manager"];
const OWNER: readonly Role[] = ["owner"];

const GROUPS: { name: GroupName; entries: Entry[] }[] = [
  {
    name: "customers",
    entries: [
      { resource: "members" },
      { resource: "segments" },
      { to: "/worklist", label: "resources.worklist.name", icon: <AssignmentIndIcon />, testId: "menu-worklist" },
      { to: "/import", label: "app.menu.import", icon: <UploadFileIcon />, roles: MANAGING },
    ],
  },
  {
    name: "marketing",
    entries: [
      { resource: "campaigns" },
      { resource: "couponTemplates" },
      { resource: "rewards" },
      {
        to: "/automations",
        label: "resources.automations.name",
        icon: <AutoModeIcon />,
        roles: MANAGING,
        testId: "menu-automations",
      },
      { to: "/referrals", label: "resources.referrals.name", icon: <GroupAddIcon />, roles: MANAGING },
      {
        to: "/sms-messages",
        label: "resources.smsMessages.name",
        icon: <SmsIcon />,
        roles: MANAGING,
        testId: "menu-sms-messages",
      },
    ],
  },
  {
    name: "reports",
    entries: [
      {
        to: "/",
        label: "resources.dashboard.name",
        icon: <DashboardIcon />,
        roles: MANAGING,
        testId: "menu-dashboard",
      },
      {
        to: "/stored-value-liability",
        label: "resources.liabilityReport.name",
        icon: <AccountBalanceIcon />,
        roles: MANAGING,
        testId: "menu-liability",
      },
    ],
  },
  {
    name: "settings",
    entries: [
      { resource: "stores" },
      { resource: "staff" },
      { resource: "apiKeys" },
      {
        to: "/webhooks",
        label: "resources.webhooks.name",
        icon: <WebhookIcon />,
        roles: OWNER,
        testId: "menu-webhooks",
      },
      { resource: "products" },
      { resource: "topUpPlans" },
      { to: "/loyalty", label: "resources.loyalty.name", icon: <LoyaltyIcon />, roles: MANAGING },
      {
        to: "/checkout-settings",
        label: "resources.checkout_settings.name",
        icon: <PaymentsIcon />,
        roles: OWNER,
        testId: "menu-checkout-settings",
      },
      { to: "/settings", label: "app.menu.settings", icon: <SettingsIcon />, roles: OWNER, testId: "menu-settings" },
    ],
  },
];

const NAMED = new Set(
  GROUPS.flatMap((group) => group.entries.flatMap((entry) => ("resource" in entry ? [entry.resource] : []))),
);

/** The entries of each group the signed-in role has; a listed resource no group names joins the settings. */
function useVisibleGroups() {
  const { permissions } = usePermissions<Permissions>();
  const resources = useResourceDefinitions();
  const role = permissions?.role;
  const listed = (name: string) => Boolean(resources[name]?.hasList);
  const others: Entry[] = Object.keys(resources)
    .filter((name) => listed(name) && !NAMED.has(name))
    .map((resource) => ({ resource }));
  return GROUPS.map(({ name, entries }) => ({
    name,
    entries: [...entries, ...(name === "settings" ? others : [])].filter((entry) =>
      "resource" in entry ? listed(entry.resource) : !entry.roles || Boolean(role && entry.roles.includes(role)),
    ),
  })).filter((group) => group.entries.length > 0);
}

/** A group's heading; with the sidebar folded to icons, a divider between the groups instead. */
function GroupHeading({ name }: { name: GroupName }) {
  const translate = useTranslate();
  const [open] = useSidebarState();
  if (!open) return <Divider component="li" sx={{ my: 0.5 }} data-testid={`menu-group-${name}`} />;
  return (
    <ListSubheader
      disableSticky
      sx={{ lineHeight: 2.5, mt: 1, bgcolor: "transparent", fontWeight: 600 }}
      data-testid={`menu-group-${name}`}
    >
      {translate(`app.menu.groups.${name}`)}
    </ListSubheader>
  );
}

export function AppMenu() {
  const groups = useVisibleGroups();
  return (
    <Menu>
      {groups.flatMap(({ name, entries }) => [
        <GroupHeading key={`group-${name}`} name={name} />,
        ...entries.map((entry) =>
          "resource" in entry ? (
            <Menu.ResourceItem key={entry.resource} name={entry.resource} />
          ) : (
            <Menu.Item
              key={entry.to}
              to={entry.to}
              primaryText={entry.label}
              leftIcon={entry.icon}
              data-testid={entry.testId}
            />
          ),
        ),
      ])}
    </Menu>
  );
}

/**
 * The menu: the dashboard (owners and managers), the resources the role may list; member import, loyalty rules,
 * referrals, the liability report, automations and the SMS outbox for owners and managers; checkout settings and
 * Settings for owners.
 */
import AccountBalanceIcon from "@mui/icons-material/AccountBalance";
import AutoModeIcon from "@mui/icons-material/AutoMode";
import DashboardIcon from "@mui/icons-material/Dashboard";
import AssignmentIndIcon from "@mui/icons-material/AssignmentInd";
import GroupAddIcon from "@mui/icons-material/GroupAdd";
import LoyaltyIcon from "@mui/icons-material/Loyalty";
import PaymentsIcon from "@mui/icons-material/Payments";
import SettingsIcon from "@mui/icons-material/Settings";
import SmsIcon from "@mui/icons-material/Sms";
import UploadFileIcon from "@mui/icons-material/UploadFile";
import { Menu, usePermissions } from "react-admin";
import { isOwner, type Permissions } from "../auth/permissions";

export function AppMenu() {
  const { permissions } = usePermissions<Permissions>();
  return (
    <Menu>
      {(permissions?.role === "owner" || permissions?.role === "manager") && (
        <Menu.Item
          to="/"
          primaryText="resources.dashboard.name"
          leftIcon={<DashboardIcon />}
          data-testid="menu-dashboard"
        />
      )}
      <Menu.ResourceItems />
      <Menu.Item
        to="/worklist"
        primaryText="resources.worklist.name"
        leftIcon={<AssignmentIndIcon />}
        data-testid="menu-worklist"
      />
      {(permissions?.role === "owner" || permissions?.role === "manager") && <OwnerAndManagerItems />}
      {isOwner(permissions) && (
        <Menu.Item
          to="/checkout-settings"
          primaryText="resources.checkout_settings.name"
          leftIcon={<PaymentsIcon />}
          data-testid="menu-checkout-settings"
        />
      )}
      {isOwner(permissions) && <Menu.Item to="/settings" primaryText="app.menu.settings" leftIcon={<SettingsIcon />} />}
    </Menu>
  );
}

/** Member import, loyalty rules, referrals, the liability report, automations and the SMS outbox. */
function OwnerAndManagerItems() {
  return (
    <>
      <Menu.Item to="/import" primaryText="app.menu.import" leftIcon={<UploadFileIcon />} />
      <Menu.Item to="/loyalty" primaryText="resources.loyalty.name" leftIcon={<LoyaltyIcon />} />
      <Menu.Item to="/referrals" primaryText="resources.referrals.name" leftIcon={<GroupAddIcon />} />
      <Menu.Item
        to="/stored-value-liability"
        primaryText="resources.liabilityReport.name"
        data-testid="menu-liability"
        leftIcon={<AccountBalanceIcon />}
      />
      <Menu.Item
        to="/automations"
        primaryText="resources.automations.name"
        leftIcon={<AutoModeIcon />}
        data-testid="menu-automations"
      />
      <Menu.Item
        to="/sms-messages"
        primaryText="resources.smsMessages.name"
        leftIcon={<SmsIcon />}
        data-testid="menu-sms-messages"
      />
    </>
  );
}

/** The menu: the resources the role may list, member import and loyalty rules for owners and managers, and Settings for owners. */
import LoyaltyIcon from "@mui/icons-material/Loyalty";
import SettingsIcon from "@mui/icons-material/Settings";
import UploadFileIcon from "@mui/icons-material/UploadFile";
import { Menu, usePermissions } from "react-admin";
import { isOwner, type Permissions } from "../auth/permissions";

export function AppMenu() {
  const { permissions } = usePermissions<Permissions>();
  return (
    <Menu>
      <Menu.ResourceItems />
      {(permissions?.role === "owner" || permissions?.role === "manager") && <Menu.Item to="/import" primaryText="app.menu.import" leftIcon={<UploadFileIcon />} />}
      {(permissions?.role === "owner" || permissions?.role === "manager") && <Menu.Item to="/loyalty" primaryText="resources.loyalty.name" leftIcon={<LoyaltyIcon />} />}
      {isOwner(permissions) && <Menu.Item to="/settings" primaryText="app.menu.settings" leftIcon={<SettingsIcon />} />}
    </Menu>
  );
}

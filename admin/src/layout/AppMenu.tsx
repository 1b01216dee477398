/** The menu: the resources the role may list, and Settings for owners. */
import SettingsIcon from "@mui/icons-material/Settings";
import { Menu, usePermissions } from "react-admin";
import { isOwner, type Permissions } from "../auth/permissions";

export function AppMenu() {
  const { permissions } = usePermissions<Permissions>();
  return (
    <Menu>
      <Menu.ResourceItems />
      {isOwner(permissions) && <Menu.Item to="/settings" primaryText="app.menu.settings" leftIcon={<SettingsIcon />} />}
    </Menu>
  );
}

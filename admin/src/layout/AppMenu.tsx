/** The menu: the resources the role may list, member import for owners and managers, and Settings for owners. */
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
      {isOwner(permissions) && <Menu.Item to="/settings" primaryText="app.menu.settings" leftIcon={<SettingsIcon />} />}
    </Menu>
  );
}

/**
 * The console's home page (react-admin's `dashboard`): the dashboard for
 * owners and managers, loaded when first shown; clerks keep the member list.
 */
import { Loading, usePermissions } from "react-admin";
import { Navigate } from "react-router-dom";
import type { Permissions } from "../auth/permissions";
import { lazyNamed } from "../common/lazyNamed";

const DashboardPage = lazyNamed(() => import("./DashboardPage"), "DashboardPage");

export function Home() {
  const { permissions, isPending } = usePermissions<Permissions>();
  if (isPending) return <Loading />;
  if (permissions?.role === "owner" || permissions?.role === "manager") return <DashboardPage />;
  return <Navigate to="/members" replace />;
}

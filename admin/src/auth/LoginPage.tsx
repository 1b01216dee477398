/** The sign-in page: react-admin's form under the product's name, so staff know where they sign in. */
import StorefrontIcon from "@mui/icons-material/Storefront";
import { Typography } from "@mui/material";
import { Login, LoginForm, useTranslate } from "react-admin";

export function LoginPage() {
  const translate = useTranslate();
  return (
    <Login avatarIcon={<StorefrontIcon />}>
      <Typography variant="h6" component="h1" align="center" data-testid="login-title" sx={{ mt: 1 }}>
        {translate("app.title")}
      </Typography>
      <LoginForm />
    </Login>
  );
}

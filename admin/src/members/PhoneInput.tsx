/**
 * The member's phone in the enrol and edit forms, checked before the form is
 * sent with the API's own rule: a wrong number is shown at the input at once,
 * in the console's language. The phone as read (a clerk's masked one) passes.
 */
import { required, TextInput, useRecordContext, type Validator } from "react-admin";
import { isValidPhone } from "../common/phone";

export function PhoneInput() {
  const record = useRecordContext<{ phone?: string }>();
  const validPhone: Validator = (value: unknown) =>
    typeof value === "string" && value.trim() && value !== record?.phone && !isValidPhone(value)
      ? "app.errors.fields.phone"
      : undefined;
  return <TextInput source="phone" validate={[required(), validPhone]} type="tel" autoComplete="off" />;
}

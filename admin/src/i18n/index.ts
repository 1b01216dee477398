/** Polyglot translations: zh-CN by default, English on request; English fills any gap. */
import polyglotI18nProvider from "ra-i18n-polyglot";
import englishMessages from "ra-language-english";
import { mergeTranslations, type TranslationMessages } from "react-admin";
import { en } from "./en";
import { zhCN } from "./zh-CN";

export const DEFAULT_LOCALE = "zh-CN";

const messages: Record<string, TranslationMessages> = {
  "zh-CN": mergeTranslations(englishMessages, en, zhCN) as TranslationMessages,
  en,
};

export const i18nProvider = polyglotI18nProvider((locale) => messages[locale] ?? messages[DEFAULT_LOCALE], DEFAULT_LOCALE, [
  { locale: "zh-CN", name: "中文" },
  { locale: "en", name: "English" },
]);

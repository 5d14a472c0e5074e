/** Languages: pick one from the activity's locale, then read its catalogue and formatters. */
export { catalogue, type Catalogue } from './catalogue';
export { formatters, type Formatters } from './format';
export { DEFAULT_LOCALE, LOCALES, localeOf, localeOfAcceptLanguage, type Locale } from './locale';

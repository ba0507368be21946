/**
 * Registers the Fluent UI web components the pane uses (`<fluent-button>`,
 * `<fluent-text-field>`). Imported by the page entries only, so that the elements and their
 * tests do not depend on Fluent being defined.
 */
import { fluentButton, fluentTextField, provideFluentDesignSystem } from '@fluentui/web-components';

/** Defines the Fluent elements once per page. */
export function registerFluent(): void {
  if (customElements.get('fluent-button')) return;
  provideFluentDesignSystem().register(fluentButton(), fluentTextField());
}

// Sign in with an API key: the key goes to the server once and comes back as an HttpOnly cookie.
import { h, uid } from '../dom.js';
import * as session from '../session.js';

export function mount(main, _params, context) {
  document.title = 'Sign in · NordicIoT';
  const keyId = uid('key');
  const errorId = uid('error');
  const input = h('input', {
    id: keyId, name: 'apiKey', type: 'password', autocomplete: 'current-password', required: true, spellcheck: 'false',
    placeholder: 'nio_…', 'aria-describedby': `${keyId}-hint`,
  });
  const error = h('p', { id: errorId, class: 'form-error', role: 'alert', hidden: true });
  const button = h('button', { type: 'submit', class: 'primary' }, 'Sign in');

  const showError = (title, detail) => {
    error.replaceChildren(h('strong', {}, title), detail ? ` ${detail}` : '');
    error.hidden = false;
    input.setAttribute('aria-invalid', 'true');
    input.setAttribute('aria-describedby', `${keyId}-hint ${errorId}`);
    input.focus();
  };

  const form = h('form', {
    class: 'login-form',
    on: {
      submit: async (event) => {
        event.preventDefault();
        error.hidden = true;
        button.disabled = true;
        try {
          await session.signIn(input.value);
          context.afterLogin();
        } catch (failure) {
          if (failure.status) showError(failure.title, failure.errors?.apiKey?.[0] ?? failure.detail);
          else showError('The server did not answer.', 'Check that the cloud app runs and try again.');
        } finally {
          button.disabled = false;
        }
      },
    },
  },
  h('label', { for: keyId }, 'API key'),
  input,
  h('p', { id: `${keyId}-hint`, class: 'hint' }, 'Keys are created with POST /api/keys; on first start the cloud app writes an admin key to its data folder (admin-api-key). The key is kept in an HttpOnly cookie until you sign out or close the browser.'),
  error,
  button);

  main.append(h('section', { class: 'login' },
    h('h1', { tabindex: '-1' }, 'Sign in to NordicIoT'),
    context.notice ? h('p', { class: 'notice', role: 'status' }, context.notice) : null,
    form));
  input.focus();
  return null;
}

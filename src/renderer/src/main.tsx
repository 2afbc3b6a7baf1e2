import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { initConsoleClient } from './api-client';
import { applyInitialTheme } from './app/theme';
import { applyInitialLocale, I18nProvider } from './i18n/I18nProvider';
import './styles.css';

// Before the first render: the token leaves the address bar before any route reads the hash, and
// the theme and <html lang> are set before the first paint.
initConsoleClient();
applyInitialTheme();
applyInitialLocale();

const container = document.getElementById('root');
if (!container) throw new Error('index.html has no #root element');
createRoot(container).render(
  <StrictMode>
    <I18nProvider>
      <App />
    </I18nProvider>
  </StrictMode>,
);

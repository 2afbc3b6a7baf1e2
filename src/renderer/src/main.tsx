import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { initConsoleClient } from './api-client';
import { applyInitialTheme } from './app/theme';
import './styles.css';

// Before the first render: the token leaves the address bar before any route reads the hash, and
// the theme is set before the first paint.
initConsoleClient();
applyInitialTheme();

const container = document.getElementById('root');
if (!container) throw new Error('index.html has no #root element');
createRoot(container).render(
  <StrictMode>
    <App />
  </StrictMode>,
);

import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { initConsoleClient } from './api-client';
import './styles.css';

// Before the first render: the token leaves the address bar before any route reads the hash.
initConsoleClient();

const container = document.getElementById('root');
if (!container) throw new Error('index.html has no #root element');
createRoot(container).render(
  <StrictMode>
    <App />
  </StrictMode>,
);

import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
// Initialises i18next (and <html lang>) before the first render.
import './i18n/index.ts';
import { App } from './App.tsx';
import './styles.css';

const container = document.getElementById('root');
if (container === null) throw new Error('index.html has no #root element');

createRoot(container).render(
  <StrictMode>
    <App />
  </StrictMode>,
);

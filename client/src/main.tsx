import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { I18nProvider } from 'react-aria-components';
import { RouterProvider } from 'react-router';
import { useTranslation } from 'react-i18next';
import { isProblem } from './api/problem';
import { i18nReady } from './app/i18n';
import { createRouter } from './app/router';
import './styles.css';

const container = document.getElementById('root');
if (!container) {
  throw new Error('Missing #root element');
}

// Server state lives in memory only (never persisted): it is dropped at sign-out
// and when the session ends. Refusals are not retried; lost connections are.
const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      retry: (failures, error) => failures < 2 && isProblem(error) && error.status === 0,
      // A read of a case is audited and extends the session: only when the person acts.
      refetchOnWindowFocus: false,
      refetchOnReconnect: false,
      staleTime: 30_000,
    },
    mutations: { retry: false },
  },
});
const router = createRouter();

function App() {
  const { i18n } = useTranslation();
  return (
    <I18nProvider locale={i18n.resolvedLanguage === 'en' ? 'en-GB' : 'es-EC'}>
      <QueryClientProvider client={queryClient}>
        <RouterProvider router={router} />
      </QueryClientProvider>
    </I18nProvider>
  );
}

void i18nReady.then(() => {
  createRoot(container).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
});

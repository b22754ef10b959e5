import { useEffect, useRef } from 'react';
import { Layout } from './components/Layout.tsx';
import { ComingSoonPage } from './pages/ComingSoonPage.tsx';
import { HomePage } from './pages/HomePage.tsx';
import { NotFoundPage } from './pages/NotFoundPage.tsx';
import { OperatorExchangePage } from './pages/OperatorExchangePage.tsx';
import { AgencyStaffPage } from './pages/AgencyStaffPage.tsx';
import { DataAccessPage } from './pages/DataAccessPage.tsx';
import { LoginPage } from './pages/LoginPage.tsx';
import { ProfilePage } from './pages/ProfilePage.tsx';
import { RegisterPage } from './pages/RegisterPage.tsx';
import { MobileDevicePage } from './pages/MobileDevicePage.tsx';
import { ServicesPage } from './pages/ServicesPage.tsx';
import { ServicePage } from './pages/ServicePage.tsx';
import { AgencyRegistryPage } from './pages/AgencyRegistryPage.tsx';
import { OperatorRegistryPage } from './pages/OperatorRegistryPage.tsx';
import { ComplaintFormPage } from './pages/ComplaintFormPage.tsx';
import { MyComplaintsPage } from './pages/MyComplaintsPage.tsx';
import { DiscussionsPage } from './pages/DiscussionsPage.tsx';
import { DiscussionPage } from './pages/DiscussionPage.tsx';
import { AuthProvider } from './auth.tsx';
import { usePath } from './router.tsx';
import { findPage, type PageKey } from './routes.ts';

function Page({ page }: { page: PageKey | undefined }) {
  switch (page) {
    case undefined:
      return <NotFoundPage />;
    case 'home':
      return <HomePage />;
    case 'services':
      return <ServicesPage />;
    case 'service':
      return <ServicePage />;
    case 'agencyRegistry':
      return <AgencyRegistryPage />;
    case 'operatorRegistry':
      return <OperatorRegistryPage />;
    case 'complaints':
      return <MyComplaintsPage />;
    case 'complaintNew':
      return <ComplaintFormPage />;
    case 'discussions':
      return <DiscussionsPage />;
    case 'discussion':
      return <DiscussionPage />;
    case 'requests':
    case 'healthCard':
      return <ComingSoonPage page={page} />;
    case 'dataAccess':
      return <DataAccessPage />;
    case 'login':
      return <LoginPage />;
    case 'register':
      return <RegisterPage />;
    case 'profile':
      return <ProfilePage />;
    case 'mobile':
      return <MobileDevicePage />;
    case 'operatorExchange':
      return <OperatorExchangePage />;
    case 'agencyStaff':
      return <AgencyStaffPage />;
  }
}

export function App() {
  const path = usePath();
  const previousPath = useRef(path);

  // A client-side page change is silent for screen readers and keeps the scroll position, unlike
  // a full page load; moving focus to <main> and scrolling up restores what users expect.
  useEffect(() => {
    if (previousPath.current === path) return;
    previousPath.current = path;
    window.scrollTo(0, 0);
    document.getElementById('main-content')?.focus();
  }, [path]);

  return (
    <AuthProvider>
      <Layout>
        <Page page={findPage(path)} />
      </Layout>
    </AuthProvider>
  );
}

import type { Role } from '@relais/contracts';
import { Suspense, type ReactNode } from 'react';
import { Navigate, useLocation, type RouteObject } from 'react-router-dom';
import { ErrorAlert, Loading } from '../components/feedback';
import { RequiredStepsScreen } from '../features/account/components/required-steps-screen';
import { LoginScreen } from '../features/auth/components/login-screen';
import type { FeatureOverlay, FeatureRoute } from '../lib/feature-route';
import { CurrentStaffContext, hasAnyRole, useCurrentStaff, useSession } from '../lib/session';
import { Layout } from './layout/layout';
import { CrashScreen } from './screens/crash-screen';
import { HomeScreen } from './screens/home-screen';
import { NotAllowedScreen } from './screens/not-allowed-screen';
import { NotFoundScreen } from './screens/not-found-screen';

/** Only signed-in staff pass; others go to the login screen, which sends them back here afterwards. */
function RequireSession({ children }: { children: ReactNode }) {
  const { me, isPending, error, refetch } = useSession();
  const location = useLocation();
  if (isPending) return <Loading />;
  if (error && !me)
    return (
      <main className="center-page" id="main">
        <ErrorAlert error={error} onRetry={() => void refetch()} />
      </main>
    );
  if (!me) return <Navigate to="/login" replace state={{ from: location }} />;
  // An admin-set password to change, or TOTP the centre requires: before anything else.
  if (me.required.length > 0)
    return (
      <CurrentStaffContext.Provider value={me}>
        <RequiredStepsScreen />
      </CurrentStaffContext.Provider>
    );
  return <CurrentStaffContext.Provider value={me}>{children}</CurrentStaffContext.Provider>;
}

function RoleGuard({ roles, children }: { roles: readonly Role[]; children: ReactNode }) {
  const me = useCurrentStaff();
  if (!hasAnyRole(me.staff.roles, roles)) return <NotAllowedScreen />;
  return <Suspense fallback={<Loading />}>{children}</Suspense>;
}

/** The console's route tree: login, then the signed-in layout holding home, every feature screen and 404. */
export function buildRoutes(
  features: readonly FeatureRoute[],
  overlays: readonly FeatureOverlay[] = [],
): RouteObject[] {
  return [
    { path: '/login', element: <LoginScreen />, errorElement: <CrashScreen /> },
    {
      path: '/',
      element: (
        <RequireSession>
          <Layout features={features} overlays={overlays} />
        </RequireSession>
      ),
      errorElement: <CrashScreen />,
      children: [
        { index: true, element: <HomeScreen features={features} /> },
        ...features.map((feature) => ({
          path: feature.path,
          element: <RoleGuard roles={feature.roles}>{feature.element}</RoleGuard>,
        })),
        { path: '*', element: <NotFoundScreen /> },
      ],
    },
  ];
}

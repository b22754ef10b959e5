import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import type { App } from '../../platform/http/http.ts';
import { cookieIsSecure, requireSession, sessionOf, setSessionCookie } from '../http-auth.ts';
import { LoggedIn } from '../identity.schema.ts';
import type { Challenge, Device } from './devices.store.ts';
import {
  ChallengeParams,
  ChallengeStatus,
  DecisionBody,
  DeviceActivation,
  DeviceParams,
  DeviceProofHeaders,
  DeviceRequest,
  DeviceRequestParams,
  DeviceView,
  MobileLoginStarted,
  QrLoginStarted,
  RegisterDeviceBody,
  StartMobileLoginBody,
} from './devices.schema.ts';
import type { DeviceService } from './devices.service.ts';

/** Cookie of the browser that started a device login: only it collects the session. */
export const LOGIN_BINDING_COOKIE = 'ehis_login_binding';
const BINDING_PATH = '/api/auth/device-login';

export interface DeviceRouteDeps {
  readonly devices: DeviceService;
  readonly production: boolean;
}

function deviceView(device: Device): DeviceView {
  return {
    deviceId: device.id,
    mobileUserId: device.mobileUserId,
    label: device.label,
    phone: device.phone,
    assurance: device.assurance,
    activatedBy: device.activatedBy,
    createdAt: device.createdAt.toISOString(),
    lastUsedAt: device.lastUsedAt?.toISOString() ?? null,
  };
}

function requestView(challenge: Challenge) {
  return {
    challengeId: challenge.id,
    kind: challenge.kind,
    verificationCode: challenge.verificationCode,
    nonce: challenge.nonce,
    createdAt: challenge.createdAt.toISOString(),
    expiresAt: challenge.expiresAt.toISOString(),
    requestedFrom: { ip: challenge.requestedIp, userAgent: challenge.requestedUserAgent },
  };
}

function context(request: FastifyRequest) {
  return { ip: request.ip, userAgent: request.headers['user-agent'] };
}

function setBindingCookie(
  request: FastifyRequest,
  reply: FastifyReply,
  token: string,
  production: boolean,
): void {
  void reply.setCookie(LOGIN_BINDING_COOKIE, token, {
    path: BINDING_PATH,
    httpOnly: true,
    sameSite: 'strict',
    secure: cookieIsSecure(request, production),
    maxAge: 5 * 60,
  });
}

const DEVICE_AUTH =
  'The device proves possession of its key with the x-ehis-device-proof header; no session is needed, so the phone page works after its own session ended.';

/**
 * Mobile signature and smartphone QR login (IAM-002-LOGIN-6, IAM-002-LOGIN-7): devices of the
 * signed-in user, the login challenges a browser starts and collects, and the device's answers.
 */
export function registerDeviceRoutes(app: App, deps: DeviceRouteDeps): void {
  const { devices, production } = deps;

  app.post(
    '/api/me/devices',
    {
      preHandler: requireSession(),
      schema: {
        operationId: 'registerDevice',
        tags: ['identity'],
        summary: 'Register this phone as a mobile-signature device (its WebCrypto public key)',
        description:
          'The device gets a 6-digit mobile user id. Its logins get acr high when it is registered from an acr-high (certificate) session, or in demo mode with demoActivation; otherwise substantial. demoActivation outside demo mode: 403 identity/device-activation-refused.',
        body: RegisterDeviceBody,
        response: { 201: DeviceView },
      },
    },
    async (request, reply) => {
      const device = await devices.register(sessionOf(request), request.body);
      return reply.code(201).send(deviceView(device));
    },
  );

  app.get(
    '/api/me/devices',
    {
      preHandler: requireSession(),
      schema: {
        operationId: 'listMyDevices',
        tags: ['identity'],
        summary: 'My mobile-signature devices (not revoked), newest first',
        response: { 200: Type.Array(DeviceView) },
      },
    },
    async (request) => (await devices.listMine(sessionOf(request))).map(deviceView),
  );

  app.get(
    '/api/me/devices/activation',
    {
      preHandler: requireSession(),
      schema: {
        operationId: 'getDeviceActivation',
        tags: ['identity'],
        summary:
          'The assurance a device registered from this session would give, and whether demo activation is offered',
        response: { 200: DeviceActivation },
      },
    },
    async (request) => devices.activationFor(sessionOf(request)),
  );

  app.delete(
    '/api/me/devices/:deviceId',
    {
      preHandler: requireSession(),
      schema: {
        operationId: 'revokeDevice',
        tags: ['identity'],
        summary: 'Revoke one of my devices (a lost phone): it can no longer approve logins',
        params: DeviceParams,
        response: { 204: Type.Null() },
      },
    },
    async (request, reply) => {
      await devices.revoke(sessionOf(request), request.params.deviceId);
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/api/auth/mobile-login',
    {
      schema: {
        operationId: 'startMobileLogin',
        tags: ['identity'],
        summary: 'Start a mobile-signature login with phone number and mobile user id',
        description:
          'Answers the same whether or not such a device exists. Sets the ehis_login_binding cookie: only this browser can collect the session. Show verificationCode; the phone shows the same code. Poll getLoginChallengeStatus, then call completeDeviceLogin. Expires in 2 minutes.',
        body: StartMobileLoginBody,
        response: { 201: MobileLoginStarted },
      },
    },
    async (request, reply) => {
      const started = await devices.startMobileLogin(request.body, context(request));
      setBindingCookie(request, reply, started.bindingToken, production);
      return reply.code(201).send({
        challengeId: started.challengeId,
        verificationCode: started.verificationCode,
        expiresAt: started.expiresAt.toISOString(),
      });
    },
  );

  app.post(
    '/api/auth/qr-login',
    {
      schema: {
        operationId: 'startQrLogin',
        tags: ['identity'],
        summary: 'Start a smartphone QR login: a one-time challenge to show as a QR code',
        description:
          'Sets the ehis_login_binding cookie. Any registered device of the user opens qrPayload, approves, and this browser collects the session (completeDeviceLogin) as the device owner. Expires in 2 minutes.',
        response: { 201: QrLoginStarted },
      },
    },
    async (request, reply) => {
      const started = await devices.startQrLogin(context(request));
      setBindingCookie(request, reply, started.bindingToken, production);
      const origin = `${request.protocol}://${request.host}`;
      return reply.code(201).send({
        challengeId: started.challengeId,
        verificationCode: started.verificationCode,
        qrPayload: `${origin}/mobile/approve/${started.challengeId}#${started.secret}`,
        expiresAt: started.expiresAt.toISOString(),
      });
    },
  );

  app.get(
    '/api/auth/device-login/:challengeId',
    {
      schema: {
        operationId: 'getLoginChallengeStatus',
        tags: ['identity'],
        summary: 'The state of a mobile or QR login this browser started (poll every 2 seconds)',
        description:
          'Only the browser holding the ehis_login_binding cookie of the login: any other gets 404 identity/login-challenge-not-found.',
        params: ChallengeParams,
        response: { 200: ChallengeStatus },
      },
    },
    async (request) => {
      const state = await devices.status(
        request.params.challengeId,
        request.cookies[LOGIN_BINDING_COOKIE],
        request.ip,
      );
      return { status: state.status, expiresAt: state.expiresAt.toISOString() };
    },
  );

  app.post(
    '/api/auth/device-login/:challengeId/complete',
    {
      schema: {
        operationId: 'completeDeviceLogin',
        tags: ['identity'],
        summary: 'Collect the session of an approved mobile or QR login; sets ehis_session',
        description:
          'Once, by the browser that started the login, within 60 s of approval. acr is the device assurance (high or substantial); amr is ["mobile"] or ["qr"]. Refusals: 409 identity/login-challenge-pending, 403 identity/login-challenge-denied, 410 identity/login-challenge-expired, 409 identity/login-challenge-used, 404 identity/login-challenge-not-found.',
        params: ChallengeParams,
        response: { 200: LoggedIn },
      },
    },
    async (request, reply) => {
      const result = await devices.complete(
        request.params.challengeId,
        request.cookies[LOGIN_BINDING_COOKIE],
        context(request),
      );
      setSessionCookie(request, reply, result.token, production);
      void reply.clearCookie(LOGIN_BINDING_COOKIE, { path: BINDING_PATH });
      return {
        userId: result.session.accountId,
        acr: result.session.acr,
        expiresAt: result.session.absoluteExpiresAt.toISOString(),
      };
    },
  );

  app.get(
    '/api/devices/:deviceId/requests',
    {
      schema: {
        operationId: 'listPendingDeviceRequests',
        tags: ['identity'],
        summary: 'Mobile-signature login requests waiting for this device',
        description: DEVICE_AUTH,
        params: DeviceParams,
        headers: DeviceProofHeaders,
        response: { 200: Type.Array(DeviceRequest) },
      },
    },
    async (request) => {
      const device = await devices.authenticateDevice(
        request.params.deviceId,
        request.headers['x-ehis-device-proof'],
      );
      return (await devices.pendingRequests(device)).map(requestView);
    },
  );

  app.get(
    '/api/devices/:deviceId/requests/:challengeId',
    {
      schema: {
        operationId: 'getDeviceRequest',
        tags: ['identity'],
        summary: 'One login request this device may answer (a scanned QR code: send its secret)',
        description: `${DEVICE_AUTH} A QR request needs x-ehis-qr-secret; a mobile request must be addressed to this device.`,
        params: DeviceRequestParams,
        headers: DeviceProofHeaders,
        response: { 200: DeviceRequest },
      },
    },
    async (request) => {
      const device = await devices.authenticateDevice(
        request.params.deviceId,
        request.headers['x-ehis-device-proof'],
      );
      const challenge = await devices.request(
        device,
        request.params.challengeId,
        request.headers['x-ehis-qr-secret'],
      );
      return requestView(challenge);
    },
  );

  for (const decision of ['approve', 'deny'] as const) {
    app.post(
      `/api/devices/:deviceId/requests/:challengeId/${decision}`,
      {
        schema: {
          operationId: decision === 'approve' ? 'approveDeviceRequest' : 'denyDeviceRequest',
          tags: ['identity'],
          summary:
            decision === 'approve'
              ? 'Approve a login request by signing it with the device key'
              : 'Deny a login request (signed, so nobody else can deny in your name)',
          description: `The signature is over "ehis-device-decision:v1:${decision}:<challengeId>:<deviceId>:<nonce>". Once per request: 409 identity/login-challenge-used; 410 identity/login-challenge-expired; 401 identity/device-signature-invalid; another device's request or a wrong QR secret: 404 identity/device-request-not-found.`,
          params: DeviceRequestParams,
          body: DecisionBody,
          response: { 204: Type.Null() },
        },
      },
      async (request, reply) => {
        await devices.decide(
          request.params.deviceId,
          request.params.challengeId,
          decision,
          request.body.signature,
          request.body.qrSecret,
        );
        return reply.code(204).send(null);
      },
    );
  }
}

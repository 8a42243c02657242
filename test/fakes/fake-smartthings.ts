// A fake SmartThings cloud on 127.0.0.1: the REST calls the SmartApp makes (devices list/create/
// delete, device events, device profiles, device configurations, installed apps, locations, OAuth
// token refresh) with bearer-token checks and refresh-token rotation, a log of every call,
// injectable failures, and a signer that produces SmartThings-style HTTP signatures for lifecycle
// calls to the bridge. Every request body is checked against the documented shapes and the
// capability definitions (st-request-schemas.ts); a mismatch is answered 422 and recorded in
// `violations`, which every SmartApp test expects to stay empty.
import { createHash, generateKeyPairSync, randomUUID, sign } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import express, { type Request, type Response } from 'express';
import sshpk from 'sshpk';
import type { z } from 'zod';
import {
  deviceConfigCreate,
  deviceConfigProblems,
  deviceCreate,
  deviceEventsCreate,
  deviceProfileCreate,
  eventProblems,
  profileProblems,
  zodProblems,
  type DeviceConfigBody,
  type DeviceProfileBody,
} from './st-request-schemas.js';

export interface FakeCall {
  method: string;
  path: string;
  query: Record<string, unknown>;
  body: unknown;
  status: number;
  /** Authorization header kind: bearer token or basic (token refresh). */
  auth: string | null;
}

export interface FakeDevice {
  deviceId: string;
  label: string;
  locationId: string;
  type: 'ENDPOINT_APP';
  app: { installedAppId: string; externalId?: string; profile: { id: string } };
}

interface Failure {
  method: string;
  path: RegExp;
  status: number;
  headers: Record<string, string>;
  left: number;
}

export interface FakeProfile {
  id: string;
  name: string;
  body: DeviceProfileBody;
}

export interface FakeDeviceConfig {
  presentationId: string;
  manufacturerName: string;
  body: DeviceConfigBody;
}

export interface FakeSmartThings {
  url: string;
  calls: FakeCall[];
  /** Requests whose body broke the documented shape or the capability definitions. */
  violations: string[];
  devices: Map<string, FakeDevice>;
  profiles: Map<string, FakeProfile>;
  deviceConfigs: Map<string, FakeDeviceConfig>;
  /** deviceId → every event batch posted, in order. */
  events: Map<string, unknown[][]>;
  clientId: string;
  clientSecret: string;
  /** A valid access/refresh pair for an installed app (what INSTALL / UPDATE deliver). */
  issueTokens(installedAppId: string): { authToken: string; refreshToken: string };
  /** Every access token answers 401 from now on (the SDK must refresh). */
  expireAccessTokens(): void;
  /** The next `count` calls matching method + path answer `status`. */
  failNext(method: string, path: RegExp, status: number, count?: number, headers?: Record<string, string>): void;
  /** SmartThings answers normally again. */
  clearFailures(): void;
  callsTo(method: string, path: RegExp): FakeCall[];
  stop(): Promise<void>;
}

export async function startFakeSmartThings(): Promise<FakeSmartThings> {
  const clientId = 'st-client-id';
  const clientSecret = 'st-client-secret';
  const accessTokens = new Map<string, string>(); // token → installedAppId
  const refreshTokens = new Map<string, string>();
  const calls: FakeCall[] = [];
  const devices = new Map<string, FakeDevice>();
  const profiles = new Map<string, FakeProfile>();
  const deviceConfigs = new Map<string, FakeDeviceConfig>();
  const violations: string[] = [];
  /** The parsed body, or null after answering 422 and recording why. */
  const validBody = <S extends z.ZodType>(req: Request, res: Response, schema: S, more: (body: z.infer<S>) => string[] = () => []): z.infer<S> | null => {
    const parsed = schema.safeParse(req.body);
    const problems = parsed.success ? more(parsed.data) : zodProblems(parsed.error);
    if (problems.length === 0 && parsed.success) return parsed.data;
    violations.push(...problems.map((p) => `${req.method} ${req.path}: ${p}`));
    res.status(422).json({ error: { code: 'ConstraintViolationError', details: problems } });
    return null;
  };
  const events = new Map<string, unknown[][]>();
  const failures: Failure[] = [];

  const issueTokens = (installedAppId: string) => {
    const authToken = `access-${randomUUID()}`;
    const refreshToken = `refresh-${randomUUID()}`;
    accessTokens.set(authToken, installedAppId);
    refreshTokens.set(refreshToken, installedAppId);
    return { authToken, refreshToken };
  };

  const app = express();
  app.use(express.json());
  app.use(express.urlencoded({ extended: false }));
  app.use((req, res, next) => {
    const auth = req.headers.authorization ?? null;
    const call: FakeCall = { method: req.method, path: req.path, query: { ...req.query }, body: req.body as unknown, status: 0, auth: auth ? auth.split(' ')[0]!.toLowerCase() : null };
    calls.push(call);
    res.on('finish', () => {
      call.status = res.statusCode;
    });
    const failure = failures.find((f) => f.left > 0 && f.method === req.method && f.path.test(req.path));
    if (failure) {
      failure.left -= 1;
      res.status(failure.status).set(failure.headers).json({ error: { code: 'InjectedFailure' } });
      return;
    }
    if (req.path === '/oauth/token') return next();
    const token = auth?.startsWith('Bearer ') ? auth.slice(7) : null;
    if (!token || !accessTokens.has(token)) {
      res.status(401).json({ error: 'invalid_token' });
      return;
    }
    (req as Request & { installedAppId?: string }).installedAppId = accessTokens.get(token);
    next();
  });

  app.post('/oauth/token', (req, res) => {
    const basic = req.headers.authorization?.startsWith('Basic ') ? Buffer.from(req.headers.authorization.slice(6), 'base64').toString('utf8') : '';
    const form = req.body as Record<string, string>;
    if (basic !== `${clientId}:${clientSecret}`) return void res.status(401).json({ error: 'invalid_client' });
    const owner = form.grant_type === 'refresh_token' ? refreshTokens.get(form.refresh_token ?? '') : undefined;
    if (!owner) return void res.status(400).json({ error: 'invalid_grant' });
    refreshTokens.delete(form.refresh_token!);
    const pair = issueTokens(owner);
    res.json({ access_token: pair.authToken, refresh_token: pair.refreshToken, token_type: 'bearer', expires_in: 86399, installed_app_id: owner });
  });

  const ownerOf = (req: Request) => (req as Request & { installedAppId?: string }).installedAppId ?? '';

  app.get('/devices', (req, res) => {
    const installedAppId = typeof req.query.installedAppId === 'string' ? req.query.installedAppId : undefined;
    const items = [...devices.values()].filter((d) => !installedAppId || d.app.installedAppId === installedAppId);
    res.json({ items, _links: {} });
  });
  app.post('/devices', (req, res) => {
    const body = validBody(req, res, deviceCreate);
    if (!body) return;
    if (!profiles.has(body.app.profileId)) return void res.status(422).json({ error: 'unknown profile' });
    if (body.app.installedAppId !== ownerOf(req)) return void res.status(403).json({ error: 'not this app' });
    const device: FakeDevice = {
      deviceId: randomUUID(),
      label: body.label,
      locationId: body.locationId,
      type: 'ENDPOINT_APP',
      app: { installedAppId: body.app.installedAppId, ...(body.app.externalId ? { externalId: body.app.externalId } : {}), profile: { id: body.app.profileId } },
    };
    devices.set(device.deviceId, device);
    res.json(device);
  });
  app.delete('/devices/:id', (req, res) => {
    if (!devices.delete(req.params.id)) return void res.status(404).json({ error: 'not found' });
    res.json({});
  });
  app.post('/devices/:id/events', (req, res) => {
    const device = devices.get(req.params.id);
    if (!device) return void res.status(404).json({ error: 'not found' });
    const body = validBody(req, res, deviceEventsCreate, (b) => eventProblems(b.deviceEvents, profiles.get(device.app.profile.id)?.body));
    if (!body) return;
    const list = events.get(req.params.id) ?? [];
    list.push(body.deviceEvents);
    events.set(req.params.id, list);
    res.json({ status: 'success' });
  });
  app.get('/deviceprofiles', (_req, res) => {
    res.json({ items: [...profiles.values()].map((p) => ({ ...p.body, id: p.id, name: p.name, status: 'DEVELOPMENT' })), _links: {} });
  });
  app.post('/deviceprofiles', (req, res) => {
    const body = validBody(req, res, deviceProfileCreate, (b) => profileProblems(b, deviceConfigs));
    if (!body) return;
    const profile: FakeProfile = { id: randomUUID(), name: body.name, body };
    profiles.set(profile.id, profile);
    res.json({ ...body, id: profile.id, status: 'DEVELOPMENT' });
  });
  app.post('/presentation/deviceconfig', (req, res) => {
    const body = validBody(req, res, deviceConfigCreate, deviceConfigProblems);
    if (!body) return;
    const config: FakeDeviceConfig = { presentationId: randomUUID(), manufacturerName: 'SmartThingsCommunity', body };
    deviceConfigs.set(config.presentationId, config);
    res.json({ ...body, presentationId: config.presentationId, manufacturerName: config.manufacturerName });
  });
  app.get('/installedapps/:id', (req, res) => {
    res.json({ installedAppId: req.params.id, locationId: 'location-1', installedAppStatus: 'AUTHORIZED' });
  });
  app.get('/locations/:id', (req, res) => {
    res.json({ locationId: req.params.id, name: 'Home', temperatureScale: 'C' });
  });

  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    calls,
    violations,
    devices,
    profiles,
    deviceConfigs,
    events,
    clientId,
    clientSecret,
    issueTokens,
    expireAccessTokens: () => accessTokens.clear(),
    failNext: (method, path, status, count = 1, headers = {}) => failures.push({ method, path, status, headers, left: count }),
    clearFailures: () => void failures.splice(0),
    callsTo: (method, path) => calls.filter((c) => c.method === method && path.test(c.path)),
    stop: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Signs lifecycle calls like SmartThings does (APP_RSA: key id /SmartThings/…, rsa-sha256 over (request-target) digest date). */
export interface LifecycleSigner {
  publicKeyPem: string;
  /** A self-signed X.509 certificate of the same key: what SmartThings' key host serves for `/pl/…` key ids. */
  certificatePem: string;
  keyId: string;
  headers(path: string, body: string, options?: Date | SignOptions): Record<string, string>;
}

/** Deviations from a correct SmartThings signature, for tests of the refusals. */
export interface SignOptions {
  date?: Date;
  /** Raw Date header text (overrides `date`). */
  dateText?: string;
  keyId?: string;
  /** Signed header names; default "(request-target) digest date". */
  signedHeaders?: string[];
  /** Digest header value; null leaves the header out. Default: SHA256 of the body. */
  digest?: string | null;
}

export function createLifecycleSigner(options: { keyId?: string } = {}): LifecycleSigner {
  const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const keyId = options.keyId ?? '/SmartThings/test-key';
  const sshKey = sshpk.parsePrivateKey(privateKey.export({ type: 'pkcs8', format: 'pem' }), 'pem');
  const certificatePem = sshpk.createSelfSignedCertificate(sshpk.identityForHost('key.smartthings.test'), sshKey).toString('pem');
  return {
    publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    certificatePem,
    keyId,
    headers(path, body, dateOrOptions) {
      const opts: SignOptions = dateOrOptions instanceof Date ? { date: dateOrOptions } : (dateOrOptions ?? {});
      const headers: Record<string, string> = {
        'content-type': 'application/json',
        date: opts.dateText ?? (opts.date ?? new Date()).toUTCString(),
      };
      const digest = opts.digest === undefined ? `SHA256=${createHash('sha256').update(body).digest('base64')}` : opts.digest;
      if (digest !== null) headers.digest = digest;
      const signed = opts.signedHeaders ?? ['(request-target)', 'digest', 'date'];
      const signingString = signed.map((name) => (name === '(request-target)' ? `(request-target): post ${path}` : `${name}: ${headers[name] ?? ''}`)).join('\n');
      const signature = sign('sha256', Buffer.from(signingString), privateKey).toString('base64');
      headers.authorization = `Signature keyId="${opts.keyId ?? keyId}",signature="${signature}",headers="${signed.join(' ')}",algorithm="rsa-sha256"`;
      return headers;
    },
  };
}

import type { Platform } from '../../platform/platform.ts';
import type { IdentityService } from '../identity.service.ts';
import { DeviceService } from './devices.service.ts';
import type { DeviceTables } from './devices.store.ts';

export { DeviceService } from './devices.service.ts';
export { registerDeviceRoutes } from './devices.routes.ts';

/** Mobile signature and smartphone QR login on a platform (IAM-002-LOGIN-6, IAM-002-LOGIN-7). */
export function createDevices(platform: Platform, identity: IdentityService): DeviceService {
  return new DeviceService({
    db: platform.db.typed<DeviceTables>(),
    clock: platform.clock,
    audit: platform.audit,
    identity,
    demo: platform.config.demo,
  });
}

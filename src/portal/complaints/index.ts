import type { Platform } from '../../platform/platform.ts';
import { AppError } from '../../platform/errors/app-error.ts';
import type { RegistryService } from '../../registry/index.ts';
import type { RoleDirectory } from '../agency-staff.ts';
import {
  ComplaintService,
  type RequestDirectory,
  type ServiceDirectory,
} from './complaint.service.ts';
import type { ComplaintTables } from './complaint.store.ts';

export { ComplaintService, REVIEW_DAYS } from './complaint.service.ts';
export type {
  CitizenActor,
  RequestDirectory,
  ServiceDirectory,
  StaffActor,
} from './complaint.service.ts';
export { registerComplaintRoutes } from './complaint.routes.ts';

/** The registry as complaints see it: a service by registry number (cancelled ones too). */
export function registryServices(registry: RegistryService): ServiceDirectory {
  return {
    async findService(registryNumber) {
      try {
        const service = await registry.getService(registryNumber);
        return { registryNumber: service.registryNumber, provider: service.provider };
      } catch (error) {
        if (error instanceof AppError && error.status === 404) return undefined;
        throw error;
      }
    },
  };
}

/**
 * Complaints on a platform. `requests` is the request engine's look-up once it exists
 * (RequestDirectory); until then requestIds are stored unchecked.
 */
export function createComplaints(
  platform: Platform,
  deps: {
    readonly roles: RoleDirectory;
    readonly services: ServiceDirectory;
    readonly requests?: RequestDirectory;
  },
): ComplaintService {
  return new ComplaintService({
    db: platform.db.typed<ComplaintTables>(),
    clock: platform.clock,
    audit: platform.audit,
    roles: deps.roles,
    services: deps.services,
    requests: deps.requests,
  });
}

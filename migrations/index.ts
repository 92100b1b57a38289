import { Foundation1763700000000 } from './1763700000000-Foundation.js';
import { ContactsIngestion1763800000000 } from './1763800000000-ContactsIngestion.js';
import { ReportSections1763900000000 } from './1763900000000-ReportSections.js';
import { LeadUploads1764000000000 } from './1764000000000-LeadUploads.js';
import { SectionJobQueuedAt1764100000000 } from './1764100000000-SectionJobQueuedAt.js';
import { LeadUploadBatchSize1764200000000 } from './1764200000000-LeadUploadBatchSize.js';
import { ContactsListIndexAscending1764300000000 } from './1764300000000-ContactsListIndexAscending.js';
import { StagingIdentityHash1764400000000 } from './1764400000000-StagingIdentityHash.js';
import { LeadBatchesCompression1764500000000 } from './1764500000000-LeadBatchesCompression.js';
import { ContactsKeyedByUser1764600000000 } from './1764600000000-ContactsKeyedByUser.js';
import { StagingReadyRows1764700000000 } from './1764700000000-StagingReadyRows.js';
import { StagingStatusUnindexed1764800000000 } from './1764800000000-StagingStatusUnindexed.js';

/** Every migration, oldest first. A test checks that each file in this folder is listed. */
export const migrations = [
  Foundation1763700000000,
  ContactsIngestion1763800000000,
  ReportSections1763900000000,
  LeadUploads1764000000000,
  SectionJobQueuedAt1764100000000,
  LeadUploadBatchSize1764200000000,
  ContactsListIndexAscending1764300000000,
  StagingIdentityHash1764400000000,
  LeadBatchesCompression1764500000000,
  ContactsKeyedByUser1764600000000,
  StagingReadyRows1764700000000,
  StagingStatusUnindexed1764800000000,
];

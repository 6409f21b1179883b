import { describeProviderConformance } from '@chaosgarden/testkit';
import * as vitest from 'vitest';
import { useTemporaryStateDirectory } from '../../../test-support/temporary-state-directory';
import { plugin } from '../src/index';
import { clusterFilters } from './support/fixture';

useTemporaryStateDirectory();

// The provider contract v1 suite of @chaosgarden/testkit. Its inputs reach no cloud: the endpoint is a
// closed local port. Whether loading the package stays cheap is checked in lazy-sdk-import.test.ts.
describeProviderConformance({
  vitest,
  descriptor: plugin,
  validInput: {
    zone: 'eu-west-1a',
    filters: clusterFilters(),
    configuration: { awsRegion: 'eu-west-1', awsEndpointUrl: 'http://127.0.0.1:9' },
    secrets: { awsAccessKeyId: 'conformance', awsSecretAccessKey: 'conformance' },
  },
  shoot: {
    shoot: {
      spec: { region: 'eu-west-1', provider: { type: 'aws' } },
      status: { technicalID: 'shoot--p--s' },
    },
    credentials: { accessKeyID: 'conformance', secretAccessKey: 'conformance' },
    cloudProfile: {},
    zone: 'eu-west-1a',
  },
});

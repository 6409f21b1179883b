import { motoCredentials, motoEnvironment, motoHealthy, startMoto } from '../moto';
import { freePort } from '../processes';
import type { SandboxStandIn } from '../stand-in';

/** AWS's stand-in: moto in server mode (EC2), from its own virtualenv. */
export const standIn: SandboxStandIn = {
  name: 'moto',
  order: 20,
  pythonEnvironments: [{ label: 'moto virtualenv', spec: motoEnvironment }],
  components: [{ name: 'moto', healthy: (connection) => motoHealthy(connection.awsEndpoint) }],
  async start(context) {
    const [install] = context.pythonEnvironments;
    if (install === undefined) throw new Error('moto stand-in started without its virtualenv');
    const environment = await install;
    const moto = await context.step('moto', async () =>
      startMoto(context.paths, environment.venvDir, await freePort()),
    );
    return {
      connection: {
        awsEndpoint: moto.endpoint,
        awsRegion: context.region,
        awsAccessKeyId: motoCredentials.accessKeyId,
        awsSecretAccessKey: motoCredentials.secretAccessKey,
      },
      versions: { moto: environment.version },
    };
  },
};

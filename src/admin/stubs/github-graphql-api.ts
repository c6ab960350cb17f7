/**
 * Stands in for decap-cms-backend-github's GraphQLAPI in the admin bundle. Decap builds it only
 * when the backend sets `use_graphql: true`, which this project never does (src/admin/config.ts):
 * the REST API does everything, and Apollo with graphql-js would cost the admin about 40 KB gzip.
 */
export default class GraphQLAPI {
  constructor() {
    throw new Error(
      'Trang quản trị không kèm API GraphQL của GitHub: hãy bỏ "use_graphql" khỏi cấu hình backend.',
    );
  }
}

import { ResourceEditScreen } from './edit-screen';

export const OrganizationEditScreen = () => <ResourceEditScreen type="organization" />;
export const LocationEditScreen = () => <ResourceEditScreen type="location" />;
export const ServiceEditScreen = () => <ResourceEditScreen type="service" />;

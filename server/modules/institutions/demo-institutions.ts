import type { CreateInstitution } from './institutions.schemas';

/** Fictional partner institutions for demonstrations (DEMO_DATA=true, never in production). */
export const DEMO_INSTITUTIONS: CreateInstitution[] = [
  {
    name: 'Fiscalía Provincial (demo)',
    sector: 'justice',
    isLeadAgency: false,
    contact: { name: 'Unidad de Atención a Víctimas', phone: '+593 2 000 0001' },
  },
  {
    name: 'Hospital General Municipal (demo)',
    sector: 'health',
    isLeadAgency: false,
    contact: { name: 'Trabajo Social', phone: '+593 2 000 0002' },
  },
  {
    name: 'Casa de Acogida Esperanza (demo)',
    sector: 'shelter',
    isLeadAgency: false,
    contact: { name: 'Coordinación', phone: '+593 2 000 0003' },
  },
  {
    name: 'Unidad Educativa Fiscal (demo)',
    sector: 'education',
    isLeadAgency: false,
    contact: { name: 'Departamento de Consejería Estudiantil', phone: '+593 2 000 0004' },
  },
  {
    name: 'Consultorio Jurídico Gratuito (demo)',
    sector: 'legal_aid',
    isLeadAgency: false,
    contact: { name: 'Recepción', phone: '+593 2 000 0005' },
  },
];
